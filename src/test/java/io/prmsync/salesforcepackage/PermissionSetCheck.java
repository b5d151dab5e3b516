package io.prmsync.salesforcepackage;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.salesforcepackage.SalesforcePackage.FieldAccess;
import io.prmsync.salesforcepackage.SalesforcePackage.ObjectAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that the permission set grants exactly what the service needs: read on every object and field the mappings
 * use, create and edit where the service writes, View All on the objects it syncs (a record it cannot see would
 * look deleted), and nothing more: no delete, no Modify All, no edit on a field it never writes, no field or
 * object no mapping uses.
 */
final class PermissionSetCheck {

    /** What the mappings need of one field or object, and the first mapping file that needs it. */
    private record Need(String file, String object, String field, boolean write, boolean viewAll) {
        Need with(Need other) {
            return new Need(file, object, field, write || other.write, viewAll || other.viewAll);
        }
    }

    private PermissionSetCheck() {}

    static List<Problem> check(List<EntityMapping> mappings, SalesforcePackage salesforce) {
        Map<String, Need> fields = new LinkedHashMap<>();
        Map<String, Need> objects = new LinkedHashMap<>();
        Map<String, String> recordTypes = new LinkedHashMap<>();
        // Fields a mapping names that the package lacks: reported as missing, so their grants are not "unused".
        java.util.Set<String> named = new java.util.HashSet<>();
        for (EntityMapping mapping : mappings) {
            String file = MappingNeeds.file(mapping);
            boolean writes = MappingNeeds.writes(mapping);
            for (String object : MappingNeeds.objectsRead(mapping)) {
                boolean own = object.equals(mapping.sObject());
                objects.merge(object, new Need(file, object, null, own && writes, own), Need::with);
            }
            for (MappingNeeds.FieldUse use : MappingNeeds.fields(mapping)) {
                named.add(use.object() + "." + use.field());
                permissionName(salesforce, use.object(), use.field())
                        .ifPresent(name -> fields.merge(
                                name, new Need(file, use.object(), use.field(), use.written(), false), Need::with));
            }
            if (writes && mapping.recordType() != null) {
                recordTypes.putIfAbsent(mapping.sObject() + "." + mapping.recordType(), file);
            }
        }
        SalesforcePackage.PermissionSet granted = salesforce.permissionSet();
        List<Problem> problems = new ArrayList<>();
        fields.forEach((name, need) -> field(need, granted.fields().get(name), problems));
        objects.values().forEach(need -> object(need, granted.objects().get(need.object()), problems));
        recordTypes.forEach((recordType, file) -> {
            if (!granted.recordTypes().contains(recordType)) {
                problems.add(new Problem(
                        file,
                        recordType,
                        null,
                        "the permission set does not make this record type visible, and"
                                + " the service creates records of it"));
            }
        });
        unused(granted, fields, named, objects, recordTypes, problems);
        return problems;
    }

    /** The name a permission set gives the field's security; empty when none applies or the field is unknown. */
    private static Optional<String> permissionName(SalesforcePackage salesforce, String object, String field) {
        if (field.endsWith("__c")) {
            return salesforce
                    .field(object, field)
                    .filter(SalesforcePackage.Field::underFieldLevelSecurity)
                    .map(f -> object + "." + field);
        }
        return StandardSchema.permissionName(object, field);
    }

    private static void field(Need need, FieldAccess access, List<Problem> problems) {
        String message = null;
        if (access == null || !access.readable()) {
            message = "the permission set does not grant read access, and the service reads it";
        } else if (need.write() && !access.editable()) {
            message = "the permission set grants no edit access, and the service writes it";
        } else if (!need.write() && access.editable()) {
            message = "the permission set grants edit access, but the service never writes it";
        }
        if (message != null) {
            problems.add(new Problem(need.file(), need.object(), need.field(), message));
        }
    }

    private static void object(Need need, ObjectAccess access, List<Problem> problems) {
        List<String> wrong = new ArrayList<>();
        if (access == null || !access.read()) {
            wrong.add("no read access, and the service reads it");
        } else {
            if (need.write() != access.create() || need.write() != access.edit()) {
                wrong.add(
                        need.write()
                                ? "no create and edit access, and the service writes it"
                                : "create or edit access, but the service never writes it");
            }
            if (need.viewAll() != access.viewAll()) {
                wrong.add(
                        need.viewAll()
                                ? "no View All, so records hidden by sharing would look deleted"
                                : "View All, but the service only looks records up on it");
            }
            if (access.delete() || access.modifyAll()) {
                wrong.add("delete or Modify All, but the service never deletes");
            }
        }
        wrong.forEach(what ->
                problems.add(new Problem(need.file(), need.object(), null, "the permission set grants " + what)));
    }

    private static void unused(
            SalesforcePackage.PermissionSet granted,
            Map<String, Need> fields,
            java.util.Set<String> named,
            Map<String, Need> objects,
            Map<String, String> recordTypes,
            List<Problem> problems) {
        granted.fields().keySet().stream()
                .filter(name -> !fields.containsKey(name) && !named.contains(name))
                .sorted()
                .forEach(name -> problems.add(new Problem(
                        granted.file(),
                        name.substring(0, name.indexOf('.')),
                        name.substring(name.indexOf('.') + 1),
                        "the permission set grants access to a field no mapping uses (or one field-level security"
                                + " does not apply to, which does not deploy)")));
        granted.objects().keySet().stream()
                .filter(object -> !objects.containsKey(object))
                .sorted()
                .forEach(object -> problems.add(new Problem(
                        granted.file(),
                        object,
                        null,
                        "the permission set grants access to an object no mapping uses")));
        granted.recordTypes().stream()
                .filter(recordType -> !recordTypes.containsKey(recordType))
                .sorted()
                .forEach(recordType -> problems.add(new Problem(
                        granted.file(),
                        recordType,
                        null,
                        "the permission set shows a record type no mapping creates")));
    }
}
