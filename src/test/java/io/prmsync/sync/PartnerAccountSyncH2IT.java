package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.Endpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:partner-accounts;DB_CLOSE_DELAY=-1")
class PartnerAccountSyncH2IT extends PartnerAccountSyncContract {

    /** Once, not per store: it waits out a slow answer. */
    @Test
    void aQueryAnswerSlowerThanTheComponentsDefaultIdleTimeoutIsWaitedForNotRetried() {
        salesforce.org().insert("Account", partner(tag + " before", "P-" + tag + "-before"));
        long before = queryCalls();
        sync.inbound(FLOW);
        long callsOfARun = queryCalls() - before;

        salesforce.org().insert("Account", partner(tag + " slow", "P-" + tag + "-slow"));
        // The component's default is 10 s of silence.
        salesforce.faults().slowNext(Endpoint.QUERY_ALL, Duration.ofSeconds(11));
        salesforce.faults().slowNext(Endpoint.QUERY, Duration.ofSeconds(11));
        long slowBefore = queryCalls();
        sync.inbound(FLOW);

        assertThat(queryCalls() - slowBefore)
                .as("no call timed out and went again")
                .isEqualTo(callsOfARun);
        assertThat(prmNamesLike(tag)).contains(tag + " slow");
    }

    private long queryCalls() {
        return salesforce.counters().count(Endpoint.QUERY)
                + salesforce.counters().count(Endpoint.QUERY_ALL);
    }
}
