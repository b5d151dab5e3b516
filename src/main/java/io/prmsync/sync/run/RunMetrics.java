package io.prmsync.sync.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.prmsync.store.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What ended runs did, as meters: runs and their durations by outcome, records by result, per flow and direction. Counted
 * when a run ends (a run's counters are its own until then), so a long full run shows up at its end; the flow's
 * lag and running gauges show it meanwhile.
 */
@Component
public class RunMetrics {

    public static final String RECORDS = "prm_sync.records";
    public static final String RUN_DURATION = "prm_sync.run.duration";
    public static final String RUNS = "prm_sync.runs";

    /** What became of records a run read. */
    enum Result {
        /** Read from the source (parked records retried count again). */
        READ,
        /** Written to the other side: PRM rows created, updated or deleted; Salesforce records saved. */
        WRITTEN,
        /** Refused, to the dead letters. */
        REJECTED,
        /** Waiting for their parent: a record still waiting at the next run counts again. */
        PARKED
    }

    private final MeterRegistry meters;

    RunMetrics(MeterRegistry meters, SyncFlows flows) {
        this.meters = meters;
        // Every series exists from the start, at zero: a rate over a counter that appears with its first
        // increment misses that increment.
        for (String flow : flows.names()) {
            for (Direction direction : Direction.values()) {
                for (Result result : Result.values()) {
                    records(flow, direction, result);
                }
                for (FlowRun.State end : List.of(FlowRun.State.SUCCEEDED, FlowRun.State.FAILED)) {
                    runs(flow, direction, end);
                }
            }
        }
    }

    void ended(FlowRun run, Instant at) {
        FlowRun.Counts counts = run.counts();
        records(run.flow(), run.direction(), Result.READ).increment(counts.read());
        records(run.flow(), run.direction(), Result.WRITTEN).increment(counts.written());
        records(run.flow(), run.direction(), Result.REJECTED).increment(counts.rejected());
        records(run.flow(), run.direction(), Result.PARKED).increment(counts.parked());
        runs(run.flow(), run.direction(), run.state()).increment();
        Timer.builder(RUN_DURATION)
                .description("How long runs took, by how they ended")
                .tags(
                        "flow", run.flow(),
                        "direction", lower(run.direction()),
                        "mode", run.mode().label(),
                        "outcome", lower(run.state()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(meters)
                .record(Duration.between(run.startedAt(), at));
    }

    private Counter records(String flow, Direction direction, Result result) {
        return Counter.builder(RECORDS)
                .description("Records runs read, wrote to the other side, rejected or parked")
                .tags("flow", flow, "direction", lower(direction), "result", lower(result))
                .register(meters);
    }

    private Counter runs(String flow, Direction direction, FlowRun.State end) {
        return Counter.builder(RUNS)
                .description("Runs that ended, by how they ended")
                .tags("flow", flow, "direction", lower(direction), "outcome", lower(end))
                .register(meters);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
