package io.prmsync.sandbox.boot;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The built-in Salesforce org simulator, under {@code prm-sync.sandbox} (active with the {@code sandbox} profile).
 *
 * @param port port to serve on; 0 picks a free one
 * @param seed whether to load the sample partner program at start-up
 * @param dailyApiLimit the simulated org's daily API allocation
 * @param millisecondStamps stamp records to the millisecond instead of the whole second as Salesforce does; only
 *     for tests that run with a zero settle lag
 * @param allowExternalStore run the sandbox on a database other than an embedded H2 one (a demonstration on
 *     PostgreSQL); without it such a start is refused, so a deployment that forgot its profile cannot sync the
 *     simulated org into the real store. Read before the properties are bound ({@link SandboxStoreGuard})
 * @param channelManager the sandbox's channel manager, deciding the sample program's waiting registrations
 * @param changeDataCapture objects selected for Change Data Capture in the simulated org (Setup's selection): only
 *     their changes make events, so a mapping's {@code salesforce.change-events} needs its object here
 */
@Validated
@ConfigurationProperties("prm-sync.sandbox")
public record SandboxProperties(
        @DefaultValue("0") @Min(0) @Max(65535) int port,
        @DefaultValue("true") boolean seed,
        @DefaultValue("1000000") @Min(1) long dailyApiLimit,
        @DefaultValue("false") boolean millisecondStamps,
        @DefaultValue("false") boolean allowExternalStore,
        @DefaultValue ChannelManager channelManager,
        @DefaultValue({}) java.util.List<String> changeDataCapture) {

    /**
     * The sandbox's channel manager, who approves the sample program's waiting deal registrations once.
     *
     * @param enabled whether it does
     * @param decideAfter how long after start-up: long enough for the service to have seen them waiting
     */
    public record ChannelManager(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT2M") Duration decideAfter) {}
}
