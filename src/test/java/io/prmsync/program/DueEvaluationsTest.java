package io.prmsync.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.store.InLists;
import io.prmsync.support.MigratedStore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The partners marked due are evaluated in chunks of whole partners, however many marks each holds. */
class DueEvaluationsTest {

    private final DataSource store = MigratedStore.create("due-evaluations");
    private final JdbcClient jdbc = JdbcClient.create(store);
    private final DueEvaluations due = new DueEvaluations(jdbc, new InLists(100));

    @Test
    void aChunkHoldsAsManyPartnersAsItsLimitWhenEachPartnerHoldsSeveralMarks() {
        for (int partner = 1; partner <= 10; partner++) {
            // As after a run set: the accounts flow once, the deals flow once per page that touched the partner.
            mark("partner-accounts", "P-%02d".formatted(partner));
            mark("deal-registrations", "P-%02d".formatted(partner));
            mark("deal-registrations", "P-%02d".formatted(partner));
        }
        List<String> flows = List.of("partner-accounts", "deal-registrations");

        List<List<String>> chunks = new ArrayList<>();
        String after = "";
        for (List<String> chunk = due.partnersAfter(flows, after, 4);
                !chunk.isEmpty();
                chunk = due.partnersAfter(flows, after, 4)) {
            chunks.add(chunk);
            after = chunk.get(chunk.size() - 1);
        }

        assertThat(chunks)
                .containsExactly(
                        List.of("P-01", "P-02", "P-03", "P-04"),
                        List.of("P-05", "P-06", "P-07", "P-08"),
                        List.of("P-09", "P-10"));
        assertThat(due.marksOf(flows, chunks.get(0)))
                .as("every mark of the chunk's partners")
                .hasSize(12);
    }

    private void mark(String flow, String partner) {
        jdbc.sql("INSERT INTO tier_evaluation_due (flow, partner_id, marked_at) VALUES (:flow, :partner, :at)")
                .param("flow", flow)
                .param("partner", partner)
                .param("at", OffsetDateTime.of(2026, 12, 7, 6, 0, 0, 0, ZoneOffset.UTC))
                .update();
    }
}
