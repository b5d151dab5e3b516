package io.prmsync.sync.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prmsync.config.MetricsProperties;
import io.prmsync.metrics.RefreshingReading;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.store.Direction;
import io.prmsync.store.FlowDirection;
import io.prmsync.store.ParkedRecordRepository;
import io.prmsync.store.WatermarkRepository;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.RunControl;
import io.prmsync.sync.run.RunGate;
import io.prmsync.sync.run.SyncFlows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Each flow's state as gauges, per direction it runs in: how far behind its source it reads, its open dead letters
 * and parked records, whether it runs here now, and whether it may run at all. Store readings are shared by all
 * gauges and refreshed at most every {@code prm-sync.metrics.store-refresh}; a store that cannot be read shows NaN.
 */
@Component
class FlowGauges {

    static final String LAG = "prm_sync.flow.lag";
    static final String DEAD_LETTERS = "prm_sync.dead_letters.open";
    static final String PARKED = "prm_sync.parked.records";
    static final String RUNNING = "prm_sync.flow.running";
    static final String PAUSED = "prm_sync.flow.paused";

    private final MeterRegistry meters;
    private final SyncFlows flows;
    private final SyncLauncher launcher;
    private final RunControl runs;
    private final RunGate gate;
    private final Clock clock;
    private final Duration refresh;
    private final RefreshingReading<Map<FlowDirection, Instant>> readPositions;
    private final RefreshingReading<Map<FlowDirection, Long>> deadLetters;
    private final RefreshingReading<Map<FlowDirection, Long>> parked;

    FlowGauges(
            MeterRegistry meters,
            SyncFlows flows,
            SyncLauncher launcher,
            RunControl runs,
            RunGate gate,
            WatermarkRepository watermarks,
            DeadLetterRepository deadLetters,
            ParkedRecordRepository parked,
            MetricsProperties properties,
            Clock clock) {
        this.meters = meters;
        this.flows = flows;
        this.launcher = launcher;
        this.runs = runs;
        this.gate = gate;
        this.clock = clock;
        this.refresh = properties.storeRefresh();
        this.readPositions = reading(watermarks::readPositions);
        this.deadLetters = reading(deadLetters::countOpenByFlow);
        this.parked = reading(parked::countByFlow);
    }

    /** Once the routes exist: a flow's gauges are those of the directions it has a route for. */
    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (String flow : flows.names()) {
            RefreshingReading<Boolean> paused = reading(() -> gate.pause(flow).isPresent());
            Gauge.builder(PAUSED, () -> paused.get().map(yes -> yes ? 1.0 : 0.0).orElse(Double.NaN))
                    .description("1 while the flow may not run: throttled by Salesforce, over the API budget, or"
                            + " blocked (by an admin or the org check)")
                    .tag("flow", flow)
                    .register(meters);
            for (Direction direction : Direction.values()) {
                if (launcher.runs(flow, direction)) {
                    register(new FlowDirection(flow, direction));
                }
            }
        }
    }

    private void register(FlowDirection key) {
        String flow = key.flow();
        String direction = key.direction().name().toLowerCase(Locale.ROOT);
        Gauge.builder(LAG, () -> lagSeconds(key))
                .description("How far the flow's reading is behind now: the horizon its last incremental or full run"
                        + " read up to (NaN before its first record)")
                .baseUnit("seconds")
                .tags("flow", flow, "direction", direction)
                .register(meters);
        Gauge.builder(DEAD_LETTERS, () -> count(deadLetters, key))
                .description("Records waiting in the dead letters")
                .tags("flow", flow, "direction", direction)
                .register(meters);
        Gauge.builder(PARKED, () -> count(parked, key))
                .description("Records waiting for their parent")
                .tags("flow", flow, "direction", direction)
                .register(meters);
        Gauge.builder(RUNNING, () -> runs.isRunning(flow, key.direction()) ? 1 : 0)
                .description("1 while a run of the flow runs on this node")
                .tags("flow", flow, "direction", direction)
                .register(meters);
    }

    private static double count(RefreshingReading<Map<FlowDirection, Long>> counts, FlowDirection key) {
        return counts.get().map(byFlow -> (double) byFlow.getOrDefault(key, 0L)).orElse(Double.NaN);
    }

    private double lagSeconds(FlowDirection key) {
        Optional<Instant> position = readPositions.get().flatMap(positions -> Optional.ofNullable(positions.get(key)));
        return position.map(at ->
                        Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0))
                .orElse(Double.NaN);
    }

    private <T> RefreshingReading<T> reading(Supplier<T> source) {
        return RefreshingReading.of(source, refresh, clock);
    }
}
