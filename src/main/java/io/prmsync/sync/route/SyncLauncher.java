package io.prmsync.sync.route;

import io.prmsync.store.Direction;
import io.prmsync.sync.TierChanges;
import io.prmsync.sync.run.FlowBusyException;
import io.prmsync.sync.run.FlowRun;
import io.prmsync.sync.run.FlowStoppedException;
import io.prmsync.sync.run.FlowTrigger;
import io.prmsync.sync.run.Mode;
import io.prmsync.sync.run.RunControl;
import io.prmsync.sync.run.SyncFlows;
import io.prmsync.sync.run.UnknownFlowException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Starts runs on demand (admin API, webhooks, dead-letter replays) through the same {@code direct:<flow>-<direction>}
 * routes the schedules use, so an on-demand run is exactly a scheduled one, only sooner.
 */
@Component
public class SyncLauncher {

    private static final Logger log = LoggerFactory.getLogger(SyncLauncher.class);

    private final SyncFlows flows;
    private final RunControl runs;
    private final ProducerTemplate template;
    private final CamelContext camel;
    private final FlowSteps steps;
    /** Run sets take turns, each run of a set after the one before it. */
    private final ExecutorService runSets = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "run-set");
        thread.setDaemon(true);
        return thread;
    });

    SyncLauncher(SyncFlows flows, RunControl runs, ProducerTemplate template, CamelContext camel, FlowSteps steps) {
        this.flows = flows;
        this.runs = runs;
        this.template = template;
        this.camel = camel;
        this.steps = steps;
    }

    /** Set before Camel's own close listener stops the routes a run set sends to. */
    private final AtomicBoolean stopping = new AtomicBoolean();

    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void stopping() {
        stopping.set(true);
    }

    @PreDestroy
    void stopRunSets() {
        runSets.shutdownNow();
    }

    /** Every flow a mapping defines. */
    public List<String> flows() {
        return flows.names();
    }

    /**
     * True when a route file gives the flow a route in that direction (some flows only go one way).
     *
     * @throws UnknownFlowException when no mapping defines the flow
     */
    public boolean runs(String flow, Direction direction) {
        flows.mapper(flow);
        return camel.getRoute(SyncFlows.routeId(flow, direction)) != null;
    }

    /**
     * Starts a run in the background and returns its id.
     *
     * @throws UnknownFlowException when no mapping defines the flow
     * @throws FlowBusyException when the flow is already running in that direction
     * @throws FlowStoppedException when the flow is stopped until something is fixed, paused or over the API budget
     */
    public String launch(String flow, Direction direction, Mode mode) {
        checkCanStart(flow, direction);
        String runId = UUID.randomUUID().toString();
        template.asyncRequestBody("direct:" + SyncFlows.routeId(flow, direction), FlowTrigger.onDemand(mode, runId));
        return runId;
    }

    /**
     * Answers now, rather than with a run id whose run would never start, whether an on-demand run could start.
     *
     * @throws UnknownFlowException when no mapping defines the flow
     * @throws IllegalArgumentException when the flow has no route in that direction
     * @throws FlowBusyException when the flow is already running in that direction
     * @throws FlowStoppedException when the flow is stopped until something is fixed, paused or over the API budget
     */
    public void checkCanStart(String flow, Direction direction) {
        if (!runs(flow, direction)) {
            throw new IllegalArgumentException("Flow " + flow + " has no "
                    + direction.name().toLowerCase(Locale.ROOT) + " route (routes/" + flow + ".camel.yaml)");
        }
        if (runs.isRunning(flow, direction)) {
            throw new FlowBusyException(flow, direction);
        }
        runs.refusal(flow).ifPresent(reason -> {
            throw new FlowStoppedException(flow, reason);
        });
    }

    /** One run of a run set, in the order the set runs them. */
    public record PlannedRun(String flow, Direction direction, String runId) {}

    /**
     * Starts run sets in the background, one per direction in the order given: the flows that have a route in that
     * direction run one after another, parents first (accounts before their deals, deals before their outcomes),
     * and the tiers of the partners they touched are evaluated once at the end, with every flow's records in, and
     * the changes handed on to Salesforce. A partner of a first full sync is so evaluated once, rather than once
     * per flow (and promoted twice on the way). Every run is checked before any starts: a refusal starts nothing.
     *
     * @return the runs, in the order they run
     * @throws UnknownFlowException when no mapping defines one of the flows
     * @throws IllegalArgumentException when none of the flows has a route in any of the directions
     * @throws FlowBusyException when one of them is already running in its direction
     * @throws FlowStoppedException when one of them is stopped until something is fixed, paused or over the budget
     */
    public List<PlannedRun> launchSets(List<String> requested, List<Direction> directions, Mode mode) {
        List<String> ordered = flows.parentsFirst(requested);
        List<PlannedRun> planned = new ArrayList<>();
        for (Direction direction : directions) {
            for (String flow : ordered) {
                if (runs(flow, direction)) {
                    checkCanStart(flow, direction);
                    planned.add(
                            new PlannedRun(flow, direction, UUID.randomUUID().toString()));
                }
            }
        }
        if (planned.isEmpty()) {
            throw new IllegalArgumentException("None of " + requested + " has a route in "
                    + directions.stream()
                            .map(d -> d.name().toLowerCase(Locale.ROOT))
                            .toList());
        }
        runSets.execute(() -> {
            for (Direction direction : directions) {
                List<PlannedRun> set = planned.stream()
                        .filter(run -> run.direction() == direction)
                        .toList();
                if (!set.isEmpty() && !stopping.get()) {
                    runSet(set, mode);
                }
            }
        });
        return planned;
    }

    private void runSet(List<PlannedRun> set, Mode mode) {
        List<String> setFlows = set.stream().map(PlannedRun::flow).toList();
        runs.runSetStarted(setFlows);
        try {
            // A run that fails ends as failed (its run id says why); the others still run.
            for (PlannedRun planned : set) {
                if (stopping.get()) {
                    log.info("Run set {} stopped before {}: the service is shutting down", setFlows, planned.flow());
                    return;
                }
                Exchange done = template.send(
                        "direct:" + SyncFlows.routeId(planned.flow(), planned.direction()),
                        exchange -> exchange.getMessage().setBody(FlowTrigger.inRunSet(mode, planned.runId())));
                if (done.getProperty(FlowSteps.RUN_PROPERTY, FlowRun.class) == null && done.getException() == null) {
                    log.warn(
                            "Run {} of the run set {} did not start: {} was busy past the lock wait, paused or over"
                                    + " the API budget when its turn came",
                            planned.runId(),
                            setFlows,
                            planned.flow());
                }
            }
        } catch (RuntimeException e) {
            log.error("Run set {} stopped: {}", setFlows, e.toString(), e);
        } finally {
            // The marks of the runs that did run are evaluated however the set ended; on shutdown they wait for
            // the flows' next runs.
            TierChanges changes = runs.runSetEnded(stopping.get() ? List.of() : setFlows);
            if (!changes.isEmpty() && !stopping.get()) {
                steps.carry(changes);
            }
        }
    }

    /** How a run over named records ended. */
    public sealed interface RecordsOutcome {
        record Synced() implements RecordsOutcome {}
        /** The flow was running and stayed busy past the wait; nothing was done. */
        record Busy() implements RecordsOutcome {}

        record Failed(String reason) implements RecordsOutcome {}
    }

    /**
     * Syncs just the named records (PRM keys outbound, Salesforce ids inbound) through the flow's route, on the
     * calling thread, waiting at most {@code lockWait} for a run of the same flow to end.
     */
    public RecordsOutcome runRecords(String flow, Direction direction, List<String> records, Duration lockWait) {
        Exchange done = template.send(
                "direct:" + SyncFlows.routeId(flow, direction),
                exchange -> exchange.getMessage().setBody(FlowTrigger.records(records, lockWait)));
        Throwable failure = done.getException() != null
                ? done.getException()
                : done.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null) {
            return new RecordsOutcome.Failed(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        FlowRun run = done.getProperty(FlowSteps.RUN_PROPERTY, FlowRun.class);
        if (run == null) {
            return new RecordsOutcome.Busy();
        }
        return run.failure().<RecordsOutcome>map(RecordsOutcome.Failed::new).orElseGet(RecordsOutcome.Synced::new);
    }

    /** An admin's mode: incremental or full ({@code records} runs are for webhooks). */
    public static Mode mode(String text) {
        Mode mode = Mode.parse(text);
        if (mode == Mode.RECORDS) {
            throw new IllegalArgumentException("mode must be 'incremental' or 'full', not '" + text + "'");
        }
        return mode;
    }
}
