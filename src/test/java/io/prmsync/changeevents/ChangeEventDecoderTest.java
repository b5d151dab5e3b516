package io.prmsync.changeevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class ChangeEventDecoderTest {

    /** The shape of Salesforce's change event schemas, cut down to what the decoder reads. */
    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "AccountChangeEvent", "namespace": "com.sforce.eventbus", "fields": [
              {"name": "ChangeEventHeader", "type": {"type": "record", "name": "ChangeEventHeader", "fields": [
                {"name": "entityName", "type": "string"},
                {"name": "recordIds", "type": {"type": "array", "items": "string"}},
                {"name": "changeType", "type": {"type": "enum", "name": "ChangeType", "symbols":
                  ["CREATE", "UPDATE", "DELETE", "UNDELETE", "GAP_CREATE", "GAP_UPDATE", "GAP_DELETE",
                   "GAP_UNDELETE", "GAP_OVERFLOW"]}},
                {"name": "changeOrigin", "type": "string"},
                {"name": "commitTimestamp", "type": "long"},
                {"name": "commitUser", "type": "string"},
                {"name": "nulledFields", "type": {"type": "array", "items": "string"}}]}},
              {"name": "Name", "type": ["null", "string"], "default": null},
              {"name": "AnnualRevenue", "type": ["null", "double"], "default": null},
              {"name": "Partner_Tier_Override_Expires__c",
               "type": ["null", {"type": "int", "logicalType": "date"}], "default": null},
              {"name": "LastModifiedDate",
               "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null}]}
            """);

    @Test
    void readsTheHeaderAndOnlyTheValuesAnUpdateChanged() {
        GenericRecord event = event("UPDATE", List.of("001000000000001AAA"), List.of("Website"));
        event.put("Name", new Utf8("Acme Partners"));
        event.put("Partner_Tier_Override_Expires__c", (int)
                LocalDate.of(2027, 3, 31).toEpochDay());
        event.put("LastModifiedDate", 1_765_000_000_000L);

        ChangeEvent decoded = ChangeEventDecoder.decode(event, "AAAAAAAAAAE=", "e-1");

        assertThat(decoded.entity()).isEqualTo("Account");
        assertThat(decoded.changeType()).isEqualTo("UPDATE");
        assertThat(decoded.isUpdate()).isTrue();
        assertThat(decoded.isGap()).isFalse();
        assertThat(decoded.recordIds()).containsExactly("001000000000001AAA");
        assertThat(decoded.commitUser()).isEqualTo("005000000000002AAA");
        assertThat(decoded.commitTime()).isEqualTo(Instant.ofEpochMilli(1_765_000_000_123L));
        assertThat(decoded.replayId()).isEqualTo("AAAAAAAAAAE=");
        assertThat(decoded.changedValues())
                .containsOnlyKeys("Name", "Partner_Tier_Override_Expires__c", "LastModifiedDate")
                .containsEntry("Name", "Acme Partners")
                .containsEntry("Partner_Tier_Override_Expires__c", LocalDate.of(2027, 3, 31))
                .containsEntry("LastModifiedDate", Instant.ofEpochMilli(1_765_000_000_000L));
        assertThat(decoded.nulledFields()).containsExactly("Website");
    }

    @Test
    void aGapEventNamesItsRecordsWithoutValues() {
        ChangeEvent decoded = ChangeEventDecoder.decode(
                event("GAP_OVERFLOW", List.of("001000000000001AAA", "001000000000002AAA"), List.of()), "r", "e-2");

        assertThat(decoded.isGap()).isTrue();
        assertThat(decoded.isDelete()).isFalse();
        assertThat(decoded.recordIds()).hasSize(2);
        assertThat(decoded.changedValues()).isEmpty();
    }

    @Test
    void aRecordThatIsNoChangeEventIsRefusedByName() {
        Schema platformEvent = new Schema.Parser()
                .parse("{\"type\": \"record\", \"name\": \"Order_Shipped__e\", \"fields\": ["
                        + "{\"name\": \"Order__c\", \"type\": [\"null\", \"string\"], \"default\": null}]}");

        assertThatThrownBy(() -> ChangeEventDecoder.decode(new GenericData.Record(platformEvent), "r", "e-3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Event e-3 of schema Order_Shipped__e has no ChangeEventHeader: not a change event");
    }

    private static GenericRecord event(String changeType, List<String> recordIds, List<String> nulled) {
        Schema headerSchema = SCHEMA.getField("ChangeEventHeader").schema();
        GenericRecord header = new GenericData.Record(headerSchema);
        header.put("entityName", new Utf8("Account"));
        header.put("recordIds", recordIds.stream().map(Utf8::new).toList());
        header.put(
                "changeType",
                new GenericData.EnumSymbol(headerSchema.getField("changeType").schema(), changeType));
        header.put("changeOrigin", new Utf8(""));
        header.put("commitTimestamp", 1_765_000_000_123L);
        header.put("commitUser", new Utf8("005000000000002AAA"));
        header.put("nulledFields", nulled.stream().map(Utf8::new).toList());
        GenericRecord event = new GenericData.Record(SCHEMA);
        event.put("ChangeEventHeader", header);
        return event;
    }
}
