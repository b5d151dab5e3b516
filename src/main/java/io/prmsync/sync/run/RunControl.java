package io.prmsync.sync.run;

import io.prmsync.cluster.FlowLease;
import io.prmsync.cluster.FlowLeases;
import io.prmsync.cluster.NodeIdentity;
import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.salesforce.SalesforceCallException;
import io.prmsync.salesforce.SalesforceFailures;
import io.prmsync.store.Direction;
import io.prmsync.store.SyncRunRepository;
import io.prmsync.store.TableStatistics;
import io.prmsync.sync.RecordsChangedListener;
import io.prmsync.sync.TierChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens and ends runs, recorded in {@code sync_run} with a one-line summary in the log. One run per flow at a
 * time, whatever its direction: an inbound merge and an outbound write of the same records must not interleave
 * (each reads sync state the other is about to change). A trigger that finds its flow busy waits for it, behind the
 * triggers that came first, up to {@code prm-sync.sync.lock-wait}, then is skipped. The lock is per process; the
 * flow's lease keeps the other nodes out.
 */
@Component
public class RunControl {

    private static final Logger log = LoggerFactory.getLogger(RunControl.class);

    private final SyncFlows flows;
    private final SyncRunRepository runs;
    private final Clock clock;
    private final FlowLocks locks = new FlowLocks();
    private final Map<FlowRun, Runnable> releases = new ConcurrentHashMap<>();
    private final Duration lockWait;
    private final RunGate gate;
    private final List<RecordsChangedListener> listeners;
    private final List<RunPrecondition> preconditions;
    private final TableStatistics statistics;
    private final FlowLeases leases;
    private final NodeIdentity node;
    private final RunMetrics metrics;
    /**
     * Flows a run set is running, each with the number of sets: any run of theirs leaves the tiers it touched to the
     * set's end, so a scheduled or webhook run in between cannot give a partner an interim tier the set's later
     * flows would change again.
     */
    private final Map<String, Integer> inRunSets = new ConcurrentHashMap<>();

    RunControl(
            SyncFlows flows,
            SyncRunRepository runs,
            Clock clock,
            SyncProperties properties,
            RunGate gate,
            List<RecordsChangedListener> listeners,
            List<RunPrecondition> preconditions,
            TableStatistics statistics,
            FlowLeases leases,
            NodeIdentity node,
            RunMetrics metrics) {
        this.metrics = metrics;
        this.leases = leases;
        this.node = node;
        this.flows = flows;
        this.statistics = statistics;
        this.preconditions = preconditions;
        this.listeners = listeners;
        this.gate = gate;
        this.runs = runs;
        this.clock = clock;
        this.lockWait = properties.lockWait();
    }

    /**
     * Opens a run of the flow, or answers empty when it may not run now (paused, over the API budget, or still
     * busy after the lock wait). The caller must {@link #release} an opened run however it ends.
     *
     * @throws UnknownFlowException when no mapping defines the flow
     */
    public Optional<FlowRun> open(String flow, Direction direction, FlowTrigger trigger) {
        RecordMapper mapper = flows.mapper(flow);
        preconditions.forEach(RunPrecondition::confirm);
        Optional<RunGate.Pause> refused = gate.refusal(flow, trigger.urgent());
        if (refused.isPresent()) {
            gate.logRefusal(flow, refused.get());
            return Optional.empty();
        }
        Duration wait = trigger.lockWait().orElse(lockWait);
        long waitStarted = System.nanoTime();
        if (!locks.acquire(flow, wait)) {
            log.info(
                    "{} is still busy after {}; this {} trigger is skipped",
                    flow,
                    wait,
                    direction.name().toLowerCase());
            return Optional.empty();
        }
        // Then the other nodes on the store: the rest of the wait for the flow's lease.
        Duration waitLeft = wait.minusNanos(System.nanoTime() - waitStarted);
        Optional<FlowLease> lease = acquireLease(flow, waitLeft.isNegative() ? Duration.ZERO : waitLeft);
        if (lease.isEmpty()) {
            log.info(
                    "{} is still held by node {} after {}; this {} trigger is skipped",
                    flow,
                    leases.holder(flow).map(FlowLeases.Holder::node).orElse("(none by now)"),
                    wait,
                    direction.name().toLowerCase());
            return Optional.empty();
        }
        // The run that held the flow meanwhile may have paused it (Salesforce throttled it).
        Optional<RunGate.Pause> refusedSince;
        try {
            refusedSince = gate.refusal(flow, trigger.urgent());
        } catch (RuntimeException storeUnavailable) {
            leases.release(flow);
            locks.release(flow);
            throw storeUnavailable;
        }
        if (refusedSince.isPresent()) {
            leases.release(flow);
            locks.release(flow);
            gate.logRefusal(flow, refusedSince.get());
            return Optional.empty();
        }
        // A run starts once it holds the flow: runs of one flow never overlap in sync_run, whatever the node.
        FlowRun run = new FlowRun(flow, direction, mapper, trigger, clock.instant(), node.id());
        AtomicBoolean held = new AtomicBoolean(true);
        releases.put(run, () -> {
            if (held.compareAndSet(true, false)) {
                leases.release(flow);
                locks.release(flow);
            }
        });
        try {
            runs.start(run.progress());
        } catch (RuntimeException notRecorded) {
            release(run);
            throw notRecorded;
        }
        return Optional.of(run);
    }

    private Optional<FlowLease> acquireLease(String flow, Duration wait) {
        try {
            Optional<FlowLease> lease = leases.acquire(flow, wait);
            if (lease.isEmpty()) {
                locks.release(flow);
            }
            return lease;
        } catch (RuntimeException storeUnavailable) {
            locks.release(flow);
            throw storeUnavailable;
        }
    }

    public boolean isRunning(String flow, Direction direction) {
        return releases.keySet().stream().anyMatch(run -> run.flow().equals(flow) && run.direction() == direction);
    }

    /** Why an on-demand run of the flow would not start now (stopped, paused, over the API budget), if so. */
    public Optional<String> refusal(String flow) {
        return gate.refusal(flow, true).map(RunGate.Pause::reason);
    }

    /** Lets the next run of the flow start; called when the run ends, and again, harmlessly, when its trigger ends. */
    public void release(FlowRun run) {
        Runnable release = releases.remove(run);
        if (release != null) {
            release.run();
        }
    }

    /** Makes the counters so far visible to the status API. */
    public void progress(FlowRun run) {
        runs.update(run.progress());
    }

    /**
     * Ends the run successfully and lets the flow's next run start; what its commits deferred (the tiers of the
     * partners it touched) is done first, so the run's end means its consequences are in the store.
     */
    public void finish(FlowRun run) {
        // Thrown, the run ends through fail(), as when a commit finds the lease lost.
        leases.confirmStillHeld(run.flow());
        refreshStatistics(run);
        runEnded(run);
        Instant now = clock.instant();
        runs.update(run.endedAs(FlowRun.State.SUCCEEDED, now, null));
        run.ended(FlowRun.State.SUCCEEDED, null);
        metrics.ended(run, now);
        log.info(run.summary(now));
        release(run);
    }

    /**
     * Ends the run as failed, its cause classified in its message; the watermark stays where the last committed
     * page left it. {@code REQUEST_LIMIT_EXCEEDED} pauses the flow. The run's lock is released even when the
     * failure cannot be recorded.
     */
    public void fail(FlowRun run, Throwable failure) {
        String message = describe(failure);
        if (SalesforceFailures.classify(unwrapped(failure)) == SalesforceFailures.Kind.THROTTLED) {
            gate.throttled(run.flow(), unwrapped(failure).getMessage());
        }
        try {
            // The pages committed before the failure count as much as those of a run that succeeded; with no
            // follow-up after a failure, the tiers changed here reach Salesforce with the next scheduled run.
            refreshStatistics(run);
            runEnded(run);
            Instant now = clock.instant();
            runs.update(run.endedAs(FlowRun.State.FAILED, now, message));
            run.ended(FlowRun.State.FAILED, message);
            metrics.ended(run, now);
            log.error("{} - FAILED: {}", run.summary(now), message);
        } finally {
            release(run);
        }
    }

    /** What the run's commits deferred, unless a run set does it once for all its runs. */
    private void runEnded(FlowRun run) {
        if (!run.trigger().inRunSet() && !inRunSets.containsKey(run.flow())) {
            listeners.forEach(listener -> run.tiersChanged(listener.runEnded(run.flow())));
        }
    }

    /** A run set is about to run these flows: until it ends, their runs leave what they deferred to it. */
    public void runSetStarted(Collection<String> flows) {
        flows.forEach(flow -> inRunSets.merge(flow, 1, Integer::sum));
    }

    /**
     * Every run of a run set has ended: what their commits deferred is done once for all of them (and what other
     * runs of the same flows deferred meanwhile).
     *
     * @return the tiers changed, for the caller to hand on to Salesforce
     */
    public TierChanges runSetEnded(List<String> flows) {
        // Released first: a run ending from here on finds its marks complete and may evaluate them itself.
        flows.forEach(flow -> inRunSets.computeIfPresent(flow, (f, sets) -> sets > 1 ? sets - 1 : null));
        TierChanges changes = TierChanges.none();
        for (RecordsChangedListener listener : listeners) {
            changes = changes.and(listener.runSetEnded(flows));
        }
        return changes;
    }

    /**
     * Before the run's tier evaluation reads what it wrote: a store that plans from stale statistics would read a
     * freshly filled table as if it were empty.
     */
    private void refreshStatistics(FlowRun run) {
        // The marks of partners due for evaluation grow with an inbound run too, and a run set reads them last.
        List<String> tables = run.direction() == Direction.INBOUND
                ? List.of(run.mapper().mapping().prmTable(), "sync_record_state", "tier_evaluation_due")
                : List.of("sync_record_state");
        statistics.afterWriting(tables, run.rowsWritten());
    }

    /** A failure before any run opened (the trigger itself, or recording the run's start). */
    public void failBeforeRun(String route, Throwable failure) {
        log.error("Sync through route {} failed before its run started: {}", route, describe(failure), failure);
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof SalesforceCallException call ? call.getCause() : failure;
    }

    private static String describe(Throwable failure) {
        Throwable cause = unwrapped(failure);
        if (cause == null) {
            return SalesforceFailures.Kind.PERMANENT + " unknown failure";
        }
        return SalesforceFailures.classify(cause) + " " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
