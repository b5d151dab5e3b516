package io.prmsync.sync;

import org.springframework.test.context.TestPropertySource;

/**
 * A run set at the shipped timing: a 2 s settle lag, a 5 min overlap, whole-second stamps. The set's follow-up
 * names the partners whose tier changed, so Salesforce hears the new tier at once although those rows were stamped
 * a moment ago.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:run-sets-default-timing;DB_CLOSE_DELAY=-1",
            "prm-sync.tiers.rules-file=src/test/resources/tier-rules/one-certification-is-silver.yaml",
            "prm-sync.sync.settle-lag=PT2S",
            "prm-sync.sync.overlap=PT5M",
            "prm-sync.sandbox.millisecond-stamps=false"
        })
class RunSetAtDefaultTimingIT extends RunSetContract {

    @Override
    void waitOutTheSettleLag() throws InterruptedException {
        // Whole-second stamps: a record stamped in second S is read once the run's horizon (now - 2 s) passes S + 1.
        Thread.sleep(3_500);
    }
}
