package io.prmsync.sync.run;

import io.prmsync.cluster.SharedFlowPauses;
import io.prmsync.config.ResilienceProperties;
import io.prmsync.salesforce.ApiUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides whether a run may start now, for Salesforce's sake: not while its flow is paused after Salesforce said
 * {@code REQUEST_LIMIT_EXCEEDED}, and not while the org's daily API allocation is nearly spent (scheduled runs
 * stop at the background share, urgent ones, webhook-driven or on demand, only at the ceiling). A budget reading
 * older than {@link #RECHECK} does not stop anything: the next run's calls bring a fresh one, so a paused service
 * notices when the allocation frees up again.
 */
@Component
public class RunGate {

    static final Duration RECHECK = Duration.ofMinutes(5);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(RunGate.class);

    /** Why a flow is not running, and until when at least (null: until an admin acts). */
    public record Pause(Instant until, String reason) {}

    private final ApiUsage apiUsage;
    private final ResilienceProperties properties;
    private final Clock clock;
    private final SharedFlowPauses throttled;
    private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();
    private final FlowBlocks blocks;

    RunGate(
            ApiUsage apiUsage,
            ResilienceProperties properties,
            Clock clock,
            FlowBlocks blocks,
            SharedFlowPauses throttled) {
        this.throttled = throttled;
        this.blocks = blocks;
        this.apiUsage = apiUsage;
        this.properties = properties;
        this.clock = clock;
    }

    /** Why the flow may not run now, if it may not; {@code urgent} runs are webhook-driven or asked for. */
    Optional<Pause> refusal(String flow, boolean urgent) {
        Optional<String> blocked = blocks.reason(flow);
        if (blocked.isPresent()) {
            return Optional.of(new Pause(null, blocked.get()));
        }
        Instant now = clock.instant();
        // Whichever node Salesforce refused: the allocation is the org's.
        Optional<Pause> pause = throttled.current(flow).map(shared -> new Pause(shared.until(), shared.reason()));
        if (pause.isPresent()) {
            return pause;
        }
        return apiUsage.latest()
                .filter(reading -> reading.readAt().plus(RECHECK).isAfter(now))
                .flatMap(reading -> {
                    double limit = urgent
                            ? properties.budget().ceiling()
                            : properties.budget().backgroundShare();
                    if (reading.share() < limit) {
                        return Optional.empty();
                    }
                    return Optional.of(new Pause(
                            reading.readAt().plus(RECHECK),
                            String.format(
                                    "API budget: %d of %d daily calls used (%.0f%%), at or above the %.0f%% allowed to %s runs",
                                    reading.used(),
                                    reading.limit(),
                                    reading.share() * 100,
                                    limit * 100,
                                    urgent ? "webhook-driven and on-demand" : "scheduled")));
                });
    }

    /** Salesforce refused for lack of allocation: the flow waits out the throttle pause. */
    void throttled(String flow, String message) {
        SharedFlowPauses.Pause pause = throttled.pause(
                flow,
                clock.instant().plus(properties.throttlePause()),
                "Salesforce answered REQUEST_LIMIT_EXCEEDED (" + message + ")");
        log.warn("{} paused on every node until {}: {}", flow, pause.until(), pause.reason());
    }

    /** Logs a refusal, at most once a minute per flow, so a paused schedule does not flood the log. */
    void logRefusal(String flow, Pause pause) {
        Instant now = clock.instant();
        Instant last = lastLogged.get(flow);
        if (last == null || last.plus(LOG_EVERY).isBefore(now)) {
            lastLogged.put(flow, now);
            if (pause.until() == null) {
                log.warn("{} does not run: {}", flow, pause.reason());
            } else {
                log.warn("{} does not run until at least {}: {}", flow, pause.until(), pause.reason());
            }
        }
    }

    /** Lifts a throttle pause early (an admin who raised the org's allocation); the budget still applies. */
    public void resume(String flow) {
        throttled.lift(flow);
    }

    /** The flow's current pause, for the status API. */
    public Optional<Pause> pause(String flow) {
        return refusal(flow, false);
    }
}
