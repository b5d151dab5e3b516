package io.prmsync.sandbox;

import java.util.ArrayList;
import java.util.List;

/** A field path checked against the schema: the lookups to follow, then the field to read. */
record ResolvedPath(ObjectDef root, List<FieldDef> lookups, FieldDef field) {

    private static final String CUSTOM_FIELD_HINT = " If you are attempting to use a custom field, be sure to append"
            + " the '__c' after the custom field name. Please reference your WSDL or the describe call for the"
            + " appropriate names.";
    private static final String CUSTOM_RELATIONSHIP_HINT = " If you are attempting to use a custom relationship, be"
            + " sure to append the '__r' after the custom relationship name. Please reference your WSDL or the"
            + " describe call for the appropriate names.";

    /** @throws SoqlException INVALID_FIELD, worded as Salesforce words it */
    static ResolvedPath resolve(Schema schema, ObjectDef root, SoqlQuery.FieldPath path) {
        ObjectDef current = root;
        List<String> segments = path.segments();
        List<FieldDef> lookups = new ArrayList<>();
        for (int i = 0; i < segments.size() - 1; i++) {
            String name = segments.get(i);
            FieldDef lookup = current.relationship(name).orElse(null);
            ObjectDef target =
                    lookup == null ? null : schema.object(lookup.referenceTo()).orElse(null);
            if (target == null) {
                throw new SoqlException(
                        "INVALID_FIELD",
                        "Didn't understand relationship '" + name + "' in field path." + CUSTOM_RELATIONSHIP_HINT,
                        path.offset());
            }
            lookups.add(lookup);
            current = target;
        }
        String last = segments.get(segments.size() - 1);
        ObjectDef owner = current;
        FieldDef field = current.field(last)
                .orElseThrow(() -> new SoqlException(
                        "INVALID_FIELD",
                        "No such column '" + last + "' on entity '" + owner.name() + "'." + CUSTOM_FIELD_HINT,
                        path.offset()));
        return new ResolvedPath(root, List.copyOf(lookups), field);
    }

    /** Follows the lookups from a row; null when any of them is empty or points at a deleted record. */
    Object valueOf(StoredRecord row, OrgData data) {
        StoredRecord current = row;
        for (FieldDef lookup : lookups) {
            Object id = current.get(lookup.name());
            current = id == null
                    ? null
                    : data.find((String) id).filter(r -> !r.deleted()).orElse(null);
            if (current == null) {
                return null;
            }
        }
        return current.get(field.name());
    }
}
