package io.prmsync.sandbox.pubsub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Writes a change event as the Avro binary payload the Pub/Sub API delivers. */
final class EventEncoder {

    private EventEncoder() {}

    static byte[] encode(ChangeEventSchema schema, EventDraft draft, EventHeader header) {
        GenericRecord event = new GenericData.Record(schema.avro());
        event.put("ChangeEventHeader", header(schema, draft, header));
        CdcEntity entity = schema.entity();
        for (CdcField field : entity.fields()) {
            Object value = draft.values().get(field.name());
            event.put(field.name(), field.kind().toAvro(value));
        }
        return write(schema.avro(), event);
    }

    private static GenericRecord header(ChangeEventSchema schema, EventDraft draft, EventHeader header) {
        Schema headerSchema = schema.avro().getField("ChangeEventHeader").schema();
        boolean update = draft.type() == ChangeType.UPDATE;
        List<String> nulled = update
                ? schema.bitmap(draft.values().entrySet().stream()
                        .filter(e -> e.getValue() == null)
                        .map(Map.Entry::getKey)
                        .toList())
                : List.of();
        GenericRecord record = new GenericData.Record(headerSchema);
        record.put("entityName", draft.entity());
        record.put("recordIds", draft.recordIds());
        record.put(
                "changeType",
                new GenericData.EnumSymbol(
                        headerSchema.getField("changeType").schema(),
                        draft.type().name()));
        record.put("changeOrigin", header.changeOrigin());
        record.put("transactionKey", header.transactionKey());
        record.put("sequenceNumber", header.sequenceNumber());
        record.put("commitTimestamp", header.commitTimestamp().toEpochMilli());
        record.put("commitNumber", header.commitNumber());
        record.put("commitUser", header.commitUser());
        record.put("nulledFields", nulled);
        // Salesforce lists only large text areas sent as diffs here; the simulator always sends whole values.
        record.put("diffFields", List.of());
        record.put("changedFields", update ? schema.bitmap(draft.values().keySet()) : List.of());
        return record;
    }

    private static byte[] write(Schema schema, GenericRecord event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema).write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
