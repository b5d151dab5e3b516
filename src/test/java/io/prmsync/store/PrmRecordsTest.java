package io.prmsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.MappingLoader;
import io.prmsync.support.MigratedStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Changed rows are read in (updated_at, key) order after the watermark, leaving rows still settling alone. */
class PrmRecordsTest {

    private final DataSource store = MigratedStore.create("prm-records");
    private final JdbcClient jdbc = JdbcClient.create(store);
    private final PrmRecords records = new PrmRecords(new NamedParameterJdbcTemplate(store), new InLists(3));
    private final EntityMapping partners =
            new MappingLoader(JdbcColumnCatalog.read(store)).load(Path.of("config/mappings/partner-accounts.yaml"));
    private final Instant noon = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void readsRowsSharingAStampAfterTheWatermarkKeyInKeyOrder() {
        partner("P-1", noon);
        partner("P-2", noon);
        partner("P-3", noon);

        assertThat(records.changedAfter(partners, new Watermark(noon, "P-1"), Optional.empty(), 10))
                .extracting(PrmRow::key)
                .containsExactly("P-2", "P-3");
    }

    @Test
    void leavesRowsStampedAtOrAfterTheSettleLimitToTheNextRun() {
        partner("P-old", noon.minusSeconds(5));
        partner("P-settling", noon);

        assertThat(records.changedAfter(partners, Watermark.START, Optional.of(noon), 10))
                .extracting(PrmRow::key)
                .containsExactly("P-old");
    }

    private void partner(String key, Instant updatedAt) {
        jdbc.sql("INSERT INTO partner_account (partner_id, name, created_at, updated_at) VALUES (:k, :k, :t, :t)")
                .param("k", key)
                .param("t", updatedAt.atOffset(ZoneOffset.UTC))
                .update();
    }
}
