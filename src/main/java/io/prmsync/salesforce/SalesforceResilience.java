package io.prmsync.salesforce;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prmsync.config.ResilienceProperties;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One circuit breaker for the Salesforce org, shared by every route's calls (routes name it through
 * {@code camel.resilience4j.configurations.salesforce.circuit-breaker}): the org is one dependency, so a flow
 * should not keep calling it while another has just seen it fail. Only failures that say the org is in trouble
 * count; a rejected record or a bad query does not. Its state is in the health endpoint and in metrics.
 */
@Configuration(proxyBeanMethods = false)
class SalesforceResilience {

    private static final Set<CircuitBreaker.State> OPEN_STATES =
            EnumSet.of(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN, CircuitBreaker.State.FORCED_OPEN);

    /**
     * The retries of the guarded call routes ({@code routes/templates/salesforce-call.camel.yaml}, error handling
     * {@code salesforce-retries}): exponential backoff with jitter, from {@code prm-sync.resilience.retry}.
     */
    @Bean
    RedeliveryPolicy salesforceRedeliveryPolicy(ResilienceProperties properties) {
        ResilienceProperties.Retry retry = properties.retry();
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(retry.maxRetries());
        policy.setRedeliveryDelay(retry.initialDelayMs());
        policy.setMaximumRedeliveryDelay(retry.maxDelayMs());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setUseCollisionAvoidance(true);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        return policy;
    }

    @Bean
    CircuitBreaker salesforceCircuitBreaker(ResilienceProperties properties) {
        ResilienceProperties.CircuitBreaker settings = properties.circuitBreaker();
        return CircuitBreaker.of(
                "salesforce",
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(settings.failureRateThreshold())
                        .slidingWindowSize(settings.slidingWindowSize())
                        .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                        .waitDurationInOpenState(settings.waitInOpenState())
                        .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                        .recordException(SalesforceFailures::countsAgainstOrg)
                        .build());
    }

    /**
     * Up whatever the breaker's state: an open breaker means Salesforce is unwell, not this service, and a probe
     * that restarted the service for it would only lose the breaker's memory. The state is in the details.
     */
    @Bean
    HealthIndicator salesforceHealthIndicator(CircuitBreaker salesforceCircuitBreaker) {
        return () -> {
            CircuitBreaker.State state = salesforceCircuitBreaker.getState();
            CircuitBreaker.Metrics metrics = salesforceCircuitBreaker.getMetrics();
            return Health.up()
                    .withDetails(Map.of(
                            "circuitBreaker",
                            state.name(),
                            "failureRate",
                            metrics.getFailureRate(),
                            "bufferedCalls",
                            metrics.getNumberOfBufferedCalls(),
                            "notPermittedCalls",
                            metrics.getNumberOfNotPermittedCalls()))
                    .build();
        };
    }

    @Bean
    Gauge salesforceCircuitBreakerState(CircuitBreaker salesforceCircuitBreaker, MeterRegistry meters) {
        return Gauge.builder(
                        "prm_sync.salesforce.circuit_breaker.state",
                        salesforceCircuitBreaker,
                        breaker -> breaker.getState().getOrder())
                .description("Resilience4j state order: 0 closed, 1 open, 2 half open, 3 disabled, 4 forced open,"
                        + " 5 metrics only")
                .register(meters);
    }

    /**
     * 1 while calls are not let through as usual (open, half open while probing, or forced open): an alert on the
     * state itself would reset whenever a scrape saw it half open between two open spells.
     */
    @Bean
    Gauge salesforceCircuitBreakerOpen(CircuitBreaker salesforceCircuitBreaker, MeterRegistry meters) {
        return Gauge.builder(
                        "prm_sync.salesforce.circuit_breaker.open",
                        salesforceCircuitBreaker,
                        breaker -> OPEN_STATES.contains(breaker.getState()) ? 1 : 0)
                .description("1 while the breaker keeps calls to Salesforce back (open, half open, forced open)")
                .register(meters);
    }
}
