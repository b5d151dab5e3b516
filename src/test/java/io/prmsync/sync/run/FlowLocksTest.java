package io.prmsync.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class FlowLocksTest {

    private final FlowLocks locks = new FlowLocks();

    @Test
    void aTriggerWaitingForTheFlowTakesItBeforeTheHolderAsksAgain() throws Exception {
        assertThat(locks.acquire("partner-accounts", Duration.ZERO)).isTrue();
        CompletableFuture<Boolean> waiting =
                CompletableFuture.supplyAsync(() -> locks.acquire("partner-accounts", Duration.ofSeconds(30)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> locks.waiting("partner-accounts") == 1);

        // The outbound run ends, and its next trigger asks at once.
        locks.release("partner-accounts");
        boolean outboundAgain = locks.acquire("partner-accounts", Duration.ofMillis(200));

        assertThat(outboundAgain).as("the holder's next trigger").isFalse();
        assertThat(waiting.get(10, TimeUnit.SECONDS))
                .as("the trigger that waited")
                .isTrue();
    }

    @Test
    void flowsDoNotWaitForEachOther() {
        assertThat(locks.acquire("partner-accounts", Duration.ZERO)).isTrue();

        assertThat(locks.acquire("certifications", Duration.ZERO)).isTrue();
        assertThat(locks.acquire("partner-accounts", Duration.ofMillis(50))).isFalse();
        locks.release("partner-accounts");
        assertThat(locks.acquire("partner-accounts", Duration.ZERO)).isTrue();
    }
}
