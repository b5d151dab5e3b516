package io.prmsync.sync.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prmsync.metrics.MetricsProperties;
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
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Each flow's state as gauges, per direction it runs in: how far behind its source it reads, its open dead letters
 * and parked records, whether it runs here now, and whether it is paused. Store readings are shared by all gauges
 * and refreshed at most every {@code prm-sync.metrics.store-refresh}.
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
    private final MetricsProperties properties;
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
        this.properties = properties;
        this.readPositions = properties.reading(watermarks::readPositions, clock);
        this.deadLetters = properties.reading(deadLetters::countOpenByFlow, clock);
        this.parked = properties.reading(parked::countByFlow, clock);
    }

    /** Once the routes exist: a flow's gauges are those of the directions it has a route for. */
    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (String flow : flows.names()) {
            RefreshingReading<Boolean> paused =
                    properties.reading(() -> gate.pause(flow).isPresent(), clock);
            Gauge.builder(PAUSED, () -> paused.get() ? 1 : 0)
                    .description("1 while the flow may not run: throttled by Salesforce or over the API budget")
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
        Gauge.builder(DEAD_LETTERS, () -> deadLetters.get().getOrDefault(key, 0L))
                .description("Records waiting in the dead letters")
                .tags("flow", flow, "direction", direction)
                .register(meters);
        Gauge.builder(PARKED, () -> parked.get().getOrDefault(key, 0L))
                .description("Records waiting for their parent")
                .tags("flow", flow, "direction", direction)
                .register(meters);
        Gauge.builder(RUNNING, () -> runs.isRunning(flow, key.direction()) ? 1 : 0)
                .description("1 while a run of the flow runs on this node")
                .tags("flow", flow, "direction", direction)
                .register(meters);
    }

    private double lagSeconds(FlowDirection key) {
        Instant position = readPositions.get().get(key);
        return position == null
                ? Double.NaN
                : Math.max(0, Duration.between(position, clock.instant()).toMillis() / 1000.0);
    }
}
