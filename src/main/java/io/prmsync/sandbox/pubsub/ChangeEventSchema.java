package io.prmsync.sandbox.pubsub;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;

/**
 * The Avro schema of one object's change events, shaped as Salesforce's: record {@code <Object>ChangeEvent} in
 * namespace {@code com.sforce.eventbus}, the {@code ChangeEventHeader} first, then every field as a union with
 * null. The fields here are flat; a real org nests compound fields (BillingAddress holds BillingStreet, BillingCity
 * and so on, and names them in the bitmaps as {@code <position>-0x...}).
 */
final class ChangeEventSchema {

    static final String NAMESPACE = "com.sforce.eventbus";
    private static final Schema STRINGS = Schema.createArray(Schema.create(Schema.Type.STRING));

    private final CdcEntity entity;
    private final Schema avro;
    private final String json;
    private final String id;

    ChangeEventSchema(CdcEntity entity) {
        this.entity = entity;
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field("ChangeEventHeader", header()));
        for (CdcField field : entity.fields()) {
            Schema nullable = Schema.createUnion(
                    Schema.create(Schema.Type.NULL), Schema.create(field.kind().avroType()));
            fields.add(new Schema.Field(field.name(), nullable, null, Schema.Field.NULL_DEFAULT_VALUE));
        }
        this.avro = Schema.createRecord(entity.eventName(), null, NAMESPACE, false, fields);
        this.json = avro.toString();
        this.id = idOf(json);
    }

    CdcEntity entity() {
        return entity;
    }

    Schema avro() {
        return avro;
    }

    String json() {
        return json;
    }

    /** 22 url-safe characters derived from the schema, like Salesforce's; a changed schema gets a new id. */
    String id() {
        return id;
    }

    /**
     * Salesforce's field bitmap: bit {@code n} stands for the field at position {@code n} of this schema (the header
     * is position 0), written as big-endian hex with a {@code 0x} prefix and an even number of digits, as a list of
     * one string; no fields give an empty list.
     */
    List<String> bitmap(Collection<String> fieldNames) {
        BigInteger bits = BigInteger.ZERO;
        for (String name : fieldNames) {
            Schema.Field field = avro.getField(name);
            if (field != null) {
                bits = bits.setBit(field.pos());
            }
        }
        if (bits.signum() == 0) {
            return List.of();
        }
        String hex = bits.toString(16).toUpperCase(Locale.ROOT);
        return List.of("0x" + (hex.length() % 2 == 0 ? hex : "0" + hex));
    }

    private static Schema header() {
        Schema changeType = Schema.createEnum(
                "ChangeType",
                null,
                NAMESPACE,
                Arrays.stream(ChangeType.values()).map(Enum::name).toList());
        return Schema.createRecord(
                "ChangeEventHeader",
                null,
                NAMESPACE,
                false,
                List.of(
                        new Schema.Field("entityName", Schema.create(Schema.Type.STRING)),
                        new Schema.Field("recordIds", STRINGS),
                        new Schema.Field("changeType", changeType),
                        new Schema.Field("changeOrigin", Schema.create(Schema.Type.STRING)),
                        new Schema.Field("transactionKey", Schema.create(Schema.Type.STRING)),
                        new Schema.Field("sequenceNumber", Schema.create(Schema.Type.INT)),
                        new Schema.Field("commitTimestamp", Schema.create(Schema.Type.LONG)),
                        new Schema.Field("commitNumber", Schema.create(Schema.Type.LONG)),
                        new Schema.Field("commitUser", Schema.create(Schema.Type.STRING)),
                        new Schema.Field("nulledFields", STRINGS),
                        new Schema.Field("diffFields", STRINGS),
                        new Schema.Field("changedFields", STRINGS)));
    }

    private static String idOf(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
