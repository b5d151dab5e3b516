package io.prmsync.sync.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.store.RecordSyncState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundRecordTest {

    private final RecordSyncState before = new RecordSyncState(
            "account",
            "P-1",
            "001000000000001AAA",
            "inbound-hash",
            "old-outbound-hash",
            Map.of("name", "Acme", "phone", "+1 555 0100"));

    @Test
    void forItsResultsARecordKeepsWhatTheyNeedAndDropsThePreviousBaseValues() {
        OutboundRecord planned = new OutboundRecord(
                "P-1",
                Map.of("Name", "Acme West"),
                "new-outbound-hash",
                Map.of("name", "Acme West", "phone", "+1 555 0100"),
                before,
                Instant.parse("2026-12-07T10:00:00Z"));

        OutboundRecord forResults = planned.forResults();

        assertThat(forResults.state().baseValues()).isEmpty();
        assertThat(forResults.state().sfId()).isEqualTo("001000000000001AAA");
        assertThat(forResults.state().inboundHash()).isEqualTo("inbound-hash");
        assertThat(forResults.sfId()).isEqualTo(planned.sfId());
        assertThat(forResults.fields()).isSameAs(planned.fields());
        assertThat(forResults.agreed()).isSameAs(planned.agreed());
        assertThat(forResults.outboundHash()).isEqualTo("new-outbound-hash");
        assertThat(forResults.prmUpdatedAt()).isEqualTo(planned.prmUpdatedAt());
    }

    @Test
    void whileItsBulkJobRunsARecordKeepsEverythingButItsFields() {
        OutboundRecord planned = new OutboundRecord(
                "P-1",
                Map.of("Name", "Acme West", "Phone", "+1 555 0100"),
                "new-outbound-hash",
                Map.of("phone", "+1 555 0100"),
                before,
                Instant.parse("2026-12-07T10:00:00Z"));

        OutboundRecord lean = planned.withoutFields();

        assertThat(lean.fields()).isEmpty();
        assertThat(lean.prmKey()).isEqualTo("P-1");
        assertThat(lean.outboundHash()).isEqualTo("new-outbound-hash");
        assertThat(lean.agreed()).isEqualTo(planned.agreed());
        assertThat(lean.state()).isSameAs(planned.state());
        assertThat(lean.prmUpdatedAt()).isEqualTo(planned.prmUpdatedAt());
    }

    @Test
    void aBatchWithoutItsFieldsNamesItsRecordsByTheKeyTheirResultsCarry() {
        OutboundRecord paired =
                new OutboundRecord("P-1", Map.of("Name", "Acme"), "h1", Map.of("name", "Acme"), before, Instant.EPOCH);
        OutboundRecord fresh = new OutboundRecord(
                "P-2", Map.of("Name", "Globex"), "h2", Map.of("name", "Globex"), null, Instant.EPOCH);

        OutboundBatch updates = new OutboundBatch(
                        OutboundBatch.WriteKind.UPDATE, java.util.List.of(paired), java.util.Optional.empty(), true)
                .withoutFields();
        OutboundBatch upserts = new OutboundBatch(
                        OutboundBatch.WriteKind.UPSERT,
                        java.util.List.of(paired, fresh),
                        java.util.Optional.empty(),
                        true)
                .withoutFields();

        assertThat(updates.records()).allSatisfy(r -> assertThat(r.fields()).isEmpty());
        assertThat(updates.resultKeys()).containsExactly("001000000000001AAA");
        assertThat(upserts.resultKeys()).containsExactly("P-1", "P-2");
        assertThat(upserts.kind()).isEqualTo(OutboundBatch.WriteKind.UPSERT);
    }

    @Test
    void aRecordNeverSyncedIsAlreadyAsItsResultsNeedIt() {
        OutboundRecord planned = new OutboundRecord(
                "P-2", Map.of("Name", "Globex"), "hash", Map.of("name", "Globex"), null, Instant.EPOCH);

        assertThat(planned.forResults()).isSameAs(planned);
    }

    @Test
    void aBatchForItsResultsKeepsItsKindOrderAndWatermark() {
        OutboundRecord first =
                new OutboundRecord("P-1", Map.of("Name", "Acme"), "h1", Map.of("name", "Acme"), before, Instant.EPOCH);
        OutboundRecord second = new OutboundRecord(
                "P-2", Map.of("Name", "Globex"), "h2", Map.of("name", "Globex"), null, Instant.EPOCH);
        OutboundBatch batch = new OutboundBatch(
                OutboundBatch.WriteKind.UPDATE, java.util.List.of(first, second), java.util.Optional.empty(), true);

        OutboundBatch forResults = batch.forResults();

        assertThat(forResults.records()).extracting(OutboundRecord::prmKey).containsExactly("P-1", "P-2");
        assertThat(forResults.records().get(0).state().baseValues()).isEmpty();
        assertThat(forResults.kind()).isEqualTo(OutboundBatch.WriteKind.UPDATE);
        assertThat(forResults.bulk()).isTrue();
        assertThat(forResults.through()).isEmpty();
    }
}
