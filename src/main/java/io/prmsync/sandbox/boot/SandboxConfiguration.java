package io.prmsync.sandbox.boot;

import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SampleProgram;
import io.prmsync.sandbox.SimulatorSettings;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Ordered;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code sandbox} profile: starts the Salesforce org simulator inside the service and points the Salesforce
 * component at it, so the whole service runs with nothing but Java. The credentials are the simulator's own
 * fixed sandbox values, not secrets.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class SandboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

    /** Static: a post-processor runs before this configuration's own beans exist (Spring's rule for them). */
    @Bean
    static BeanFactoryPostProcessor sandboxStoreGuard() {
        return new SandboxStoreGuard();
    }

    @Bean(destroyMethod = "close")
    SalesforceSimulator salesforceSimulator(SandboxProperties properties) {
        SimulatorSettings defaults = SimulatorSettings.defaults();
        SalesforceSimulator simulator = SalesforceSimulator.start(new SimulatorSettings(
                properties.port(),
                defaults.clientId(),
                defaults.clientSecret(),
                defaults.username(),
                defaults.password(),
                defaults.apiVersion(),
                properties.dailyApiLimit()));
        if (properties.millisecondStamps()) {
            simulator.org().useMillisecondStamps();
        }
        simulator.changeEvents().selectEntities(properties.changeDataCapture().toArray(String[]::new));
        log.info("Salesforce sandbox org {} serving at {}", SalesforceSimulator.ORG_ID, simulator.baseUrl());
        return simulator;
    }

    /** The sample program, seeded before the flows start (Camel starts its routes once every bean is made). */
    @Bean
    SampleProgramSeed sampleProgram(SalesforceSimulator simulator, SandboxProperties properties) {
        return new SampleProgramSeed(
                properties.seed() ? Optional.of(SampleProgram.seed(simulator.org())) : Optional.empty());
    }

    @Bean
    SampleChannelManager sampleChannelManager(
            SalesforceSimulator simulator, SampleProgramSeed seed, SandboxProperties properties) {
        List<String> waiting = properties.channelManager().enabled()
                ? seed.seeded()
                        .map(SampleProgram.Seeded::registrationsAwaitingDecision)
                        .orElse(List.of())
                : List.of();
        return new SampleChannelManager(
                simulator.org(), waiting, properties.channelManager().decideAfter());
    }

    /** What the sandbox seeded, if it did. */
    record SampleProgramSeed(Optional<SampleProgram.Seeded> seeded) {}

    /**
     * Runs after the starter's own customizer, which would otherwise restore the configured login URL; points the
     * Pub/Sub API client at the simulator's gRPC port too.
     */
    @Bean
    ComponentCustomizer salesforceSandboxLogin(SalesforceSimulator simulator) {
        SimulatorSettings settings = SimulatorSettings.defaults();
        return ComponentCustomizer.builder(SalesforceComponent.class)
                .withOrder(Ordered.LOWEST)
                .build(component -> {
                    component.setLoginUrl(simulator.baseUrl());
                    component.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
                    component.setClientId(settings.clientId());
                    component.setClientSecret(settings.clientSecret());
                    component.setUserName(settings.username());
                    component.setPassword(settings.password());
                    component.setPubSubHost("127.0.0.1");
                    component.setPubSubPort(simulator.pubSubPort());
                });
    }
}
