package io.prmsync.sandbox.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SampleProgram;
import io.prmsync.sandbox.SimulatedOrg;
import io.prmsync.sandbox.SimulatorSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleChannelManagerTest {

    @Test
    void approvesTheWaitingSampleRegistrationsOnceItsDelayHasPassed() {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatorSettings.defaults())) {
            approvesOnceItsDelayHasPassed(simulator.org());
        }
    }

    private static void approvesOnceItsDelayHasPassed(SimulatedOrg org) {
        List<String> waiting = SampleProgram.seed(org).registrationsAwaitingDecision();
        // Ten seconds: the "not yet" check right after start must not lose to a pause of a loaded machine.
        SampleChannelManager manager = new SampleChannelManager(org, waiting, Duration.ofSeconds(10));

        manager.start();
        try {
            assertThat(org.findById(waiting.get(0)).orElseThrow())
                    .as("not before its delay")
                    .containsEntry("Registration_Status__c", "Submitted");
            await().atMost(Duration.ofSeconds(40))
                    .untilAsserted(() -> assertThat(waiting)
                            .allSatisfy(id -> assertThat(org.findById(id).orElseThrow())
                                    .containsEntry("Registration_Status__c", "Approved")));
        } finally {
            manager.stop();
        }
        assertThat(manager.isRunning()).isFalse();
    }

    @Test
    void isOnWithATwoMinuteDelayByDefault() {
        SandboxProperties.ChannelManager defaults = new org.springframework.boot.context.properties.bind.Binder(
                        new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                                java.util.Map.of("prm-sync.sandbox.port", "0")))
                .bindOrCreate("prm-sync.sandbox", SandboxProperties.class)
                .channelManager();
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.decideAfter()).isEqualTo(Duration.ofMinutes(2));
    }
}
