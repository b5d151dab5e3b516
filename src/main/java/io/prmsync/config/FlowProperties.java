package io.prmsync.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The flows the service runs, under {@code prm-sync.flows.<flow>}: one entry per mapping file
 * ({@code config/mappings/<flow>.yaml}), each direction it runs in with its schedule. Checked against the mappings
 * and the routes when the service starts.
 *
 * @param flows the flows by name
 */
@Validated
@ConfigurationProperties("prm-sync")
public record FlowProperties(@DefaultValue Map<String, @Valid Flow> flows) {

    /**
     * @param inbound Salesforce to PRM store, if the flow runs that way
     * @param outbound PRM store to Salesforce, if the flow runs that way
     */
    public record Flow(@Valid Schedule inbound, @Valid Schedule outbound) {

        public Optional<Schedule> inDirection(String direction) {
            return Optional.ofNullable("inbound".equals(direction) ? inbound : outbound);
        }
    }

    /**
     * @param period how often a scheduled run starts (one that runs longer delays the next)
     * @param enabled false pauses the schedule; on-demand and webhook-driven runs still go
     */
    public record Schedule(
            @NotNull Duration period, @DefaultValue("true") boolean enabled) {}
}
