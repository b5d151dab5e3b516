package io.prmsync.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.salesforce.QueryPageReader;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    /** Millisecond ticks: Salesforce stamps and our watermarks compare at that precision on every database. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    QueryPageReader queryPageReader(ObjectMapper objectMapper) {
        return new QueryPageReader(objectMapper);
    }
}
