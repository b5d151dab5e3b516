package io.prmsync.sync;

import io.prmsync.store.Direction;
import io.prmsync.store.SyncRunRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts and ends runs: one run per flow and direction at a time (a scheduled run and an on-demand one must
 * not interleave their watermarks), recorded in {@code sync_run} with a one-line summary in the log.
 */
@Component
public class SyncRunTracker {

    public static final String MODE_HEADER = "prmSyncMode";
    public static final String RUN_ID_HEADER = "prmSyncRunId";
    private static final Logger log = LoggerFactory.getLogger(SyncRunTracker.class);

    private final SyncRunRepository runs;
    private final Clock clock;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    SyncRunTracker(SyncRunRepository runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * Opens a run for the exchange, or stops the exchange when the flow is already running. The flow lock is
     * released when the exchange completes, whether it succeeded or failed.
     */
    Optional<SyncRunContext> begin(Exchange exchange, String flow, Direction direction) {
        String lock = flow + "/" + direction;
        if (!running.add(lock)) {
            log.info("{} {} is already running; this trigger is skipped", flow, direction.name().toLowerCase());
            exchange.setRouteStop(true);
            return Optional.empty();
        }
        String mode = exchange.getMessage().getHeader(MODE_HEADER, "incremental", String.class);
        SyncRunContext run = new SyncRunContext(exchange.getMessage().getHeader(RUN_ID_HEADER, String.class), flow,
                direction, mode, clock.instant());
        exchange.setProperty(SyncRunContext.PROPERTY, run);
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                running.remove(lock);
            }
        });
        runs.start(run.started());
        return Optional.of(run);
    }

    public boolean isRunning(String flow, Direction direction) {
        return running.contains(flow + "/" + direction);
    }

    /** Makes the counters so far visible to the status API. */
    void progress(SyncRunContext run) {
        runs.update(run.progress());
    }

    /** Ends the exchange's run successfully. */
    public void finish(Exchange exchange) {
        SyncRunContext run = exchange.getProperty(SyncRunContext.PROPERTY, SyncRunContext.class);
        Instant now = clock.instant();
        runs.update(run.finished("SUCCEEDED", now, null));
        log.info(run.summary(now));
    }

    /** Ends the exchange's run as failed; the watermark stays where the last committed page left it. */
    public void failed(Exchange exchange) {
        SyncRunContext run = exchange.getProperty(SyncRunContext.PROPERTY, SyncRunContext.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String message = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (run == null) {
            log.error("Sync failed before its run started: {}", message, cause);
            return;
        }
        Instant now = clock.instant();
        runs.update(run.finished("FAILED", now, message));
        log.error("{} - FAILED: {}", run.summary(now), message);
    }
}
