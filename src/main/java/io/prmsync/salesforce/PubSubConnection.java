package io.prmsync.salesforce;

import org.apache.camel.spi.LifecycleStrategy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the Pub/Sub API is reached: with TLS, as Salesforce serves it on port 7443, unless
 * {@code prm-sync.change-events.plain-text} is set for an endpoint on a trusted loopback (the built-in sandbox, or
 * a local proxy that terminates TLS). Camel picks lifecycle strategies up from the context.
 */
@Configuration(proxyBeanMethods = false)
class PubSubConnection {

    @Bean
    @ConditionalOnProperty("prm-sync.change-events.plain-text")
    LifecycleStrategy plainTextPubSubConsumers() {
        return new PlainTextPubSubConsumers();
    }
}
