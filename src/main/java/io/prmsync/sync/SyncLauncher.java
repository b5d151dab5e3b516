package io.prmsync.sync;

import io.prmsync.store.Direction;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts runs on demand (admin API) through the same {@code direct:<flow>-<direction>} routes the schedules
 * use, so an on-demand run is exactly a scheduled one, only sooner.
 */
@Component
public class SyncLauncher {

    public enum Mode { INCREMENTAL, FULL }

    private final SyncFlows flows;
    private final SyncRunTracker tracker;
    private final ProducerTemplate template;
    private final CamelContext camel;

    SyncLauncher(SyncFlows flows, SyncRunTracker tracker, ProducerTemplate template, CamelContext camel) {
        this.flows = flows;
        this.tracker = tracker;
        this.template = template;
        this.camel = camel;
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
     */
    public String launch(String flow, Direction direction, Mode mode) {
        flows.mapper(flow);
        if (!runs(flow, direction)) {
            throw new IllegalArgumentException("Flow " + flow + " has no " + direction.name().toLowerCase(Locale.ROOT)
                    + " route (routes/" + SyncFlows.routeId(flow, direction) + ".camel.yaml)");
        }
        if (tracker.isRunning(flow, direction)) {
            throw new FlowBusyException(flow, direction);
        }
        String runId = UUID.randomUUID().toString();
        template.asyncRequestBodyAndHeaders("direct:" + SyncFlows.routeId(flow, direction), null,
                Map.of(SyncRunTracker.MODE_HEADER, mode.name().toLowerCase(Locale.ROOT),
                        SyncRunTracker.RUN_ID_HEADER, runId));
        return runId;
    }

    /** How a run over named records ended. */
    public sealed interface RecordsOutcome {
        record Synced() implements RecordsOutcome { }
        /** The flow was running and stayed busy past the wait; nothing was done. */
        record Busy() implements RecordsOutcome { }
        record Failed(String reason) implements RecordsOutcome { }
    }

    /**
     * Syncs just the named records (PRM keys outbound, Salesforce ids inbound) through the flow's route, on the
     * calling thread, waiting at most {@code lockWait} for a run of the same flow to end.
     */
    public RecordsOutcome runRecords(String flow, Direction direction, List<String> records, Duration lockWait) {
        Exchange done = template.send("direct:" + SyncFlows.routeId(flow, direction), exchange -> {
            exchange.setProperty(SyncRunTracker.LOCK_WAIT_PROPERTY, lockWait);
            exchange.getMessage().setHeader(SyncRunTracker.MODE_HEADER, SyncRunTracker.RECORDS_MODE);
            exchange.getMessage().setHeader(SyncRunTracker.RECORDS_HEADER, List.copyOf(records));
        });
        Throwable failure = done.getException() != null ? done.getException()
                : done.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null) {
            return new RecordsOutcome.Failed(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        return done.getProperty(SyncRunContext.PROPERTY) == null ? new RecordsOutcome.Busy()
                : new RecordsOutcome.Synced();
    }

    public static Mode mode(String text) {
        try {
            return Mode.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be 'incremental' or 'full', not '" + text + "'");
        }
    }
}
