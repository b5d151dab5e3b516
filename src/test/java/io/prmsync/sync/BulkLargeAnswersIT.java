package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.Endpoint;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A Bulk API 2.0 results chunk is one HTTP answer of many megabytes, which the Salesforce component buffers whole:
 * past the HTTP client's default of 4 MiB it fails, so the service configures a larger buffer.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:bulk-large-answers;DB_CLOSE_DELAY=-1",
            "prm-sync.sync.bulk.threshold=400",
            "prm-sync.sync.bulk.results-chunk=5000",
            "prm-sync.sync.bulk.poll-interval=PT0.01S"
        })
class BulkLargeAnswersIT extends SandboxSyncContract {

    @Test
    void aResultsChunkOfSeveralMegabytesArrivesWhole() {
        // 1,200 accounts with 3,900-character descriptions: a single chunk of about 4.7 MB.
        String description = "d".repeat(3_900);
        IntStream.range(0, 1_200)
                .forEach(i -> salesforce
                        .org()
                        .insert(
                                "Account",
                                Map.of("Name", tag + " partner " + i, "IsPartner", true, "Description", description)));
        long chunksBefore = salesforce.counters().count(Endpoint.BULK_QUERY_RESULTS);

        sync.inbound(FLOW);

        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
        assertThat(prmNamesLike(tag)).hasSize(1_200);
        assertThat(salesforce.counters().count(Endpoint.BULK_QUERY_RESULTS) - chunksBefore)
                .isEqualTo(1);
    }
}
