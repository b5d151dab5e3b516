package io.prmsync.sync;

import io.prmsync.config.SyncProperties;
import io.prmsync.salesforce.SalesforceFailures;
import io.prmsync.store.Direction;
import io.prmsync.store.SyncRunRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts and ends runs, recorded in {@code sync_run} with a one-line summary in the log. One run per flow at a
 * time, whatever its direction: an inbound merge and an outbound write of the same records must not interleave
 * (each reads sync state the other is about to change). A trigger that finds its flow busy waits for it, up to
 * {@code prm-sync.sync.lock-wait}, then is skipped. The lock is per process; clustering is a separate concern.
 */
@Component
public class SyncRunTracker {

    public static final String MODE_HEADER = "prmSyncMode";
    public static final String RUN_ID_HEADER = "prmSyncRunId";
    /** Mode of a run over the records named in {@link #RECORDS_HEADER} only. */
    public static final String RECORDS_MODE = "records";
    /** The PRM keys (outbound) or Salesforce ids (inbound) a {@value #RECORDS_MODE} run syncs. */
    public static final String RECORDS_HEADER = "prmSyncRecords";
    /**
     * Overrides the lock wait for this exchange, including the flows it goes on to (a property, so the routes'
     * header clean-up keeps it): a webhook sync would rather try again soon than queue behind a long run.
     */
    public static final String LOCK_WAIT_PROPERTY = "prmSyncLockWait";
    private static final String RELEASE_PROPERTY = "prmSyncReleaseLock";
    private static final Logger log = LoggerFactory.getLogger(SyncRunTracker.class);

    private final SyncRunRepository runs;
    private final Clock clock;
    private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Duration lockWait;
    private final RunGate gate;

    SyncRunTracker(SyncRunRepository runs, Clock clock, SyncProperties properties, RunGate gate) {
        this.gate = gate;
        this.runs = runs;
        this.clock = clock;
        this.lockWait = properties.lockWait();
    }

    /**
     * Opens a run for the exchange, or stops the exchange when the flow is already running. The flow lock is
     * released when the exchange completes, whether it succeeded or failed.
     */
    Optional<SyncRunContext> begin(Exchange exchange, String flow, Direction direction) {
        String mode = exchange.getMessage().getHeader(MODE_HEADER, "incremental", String.class);
        boolean urgent = RECORDS_MODE.equals(mode) || exchange.getMessage().getHeader(RUN_ID_HEADER) != null;
        Optional<RunGate.Pause> refused = gate.refusal(flow, urgent);
        if (refused.isPresent()) {
            gate.logRefusal(flow, refused.get());
            exchange.setRouteStop(true);
            return Optional.empty();
        }
        Semaphore lock = locks.computeIfAbsent(flow, f -> new Semaphore(1));
        Duration wait = exchange.getProperty(LOCK_WAIT_PROPERTY, lockWait, Duration.class);
        if (!acquire(lock, wait)) {
            log.info("{} is still busy after {}; this {} trigger is skipped", flow, wait,
                    direction.name().toLowerCase());
            exchange.setRouteStop(true);
            return Optional.empty();
        }
        String active = flow + "/" + direction;
        running.add(active);
        AtomicBoolean held = new AtomicBoolean(true);
        exchange.setProperty(RELEASE_PROPERTY, (Runnable) () -> {
            if (held.compareAndSet(true, false)) {
                running.remove(active);
                lock.release();
            }
        });
        SyncRunContext run = new SyncRunContext(exchange.getMessage().getHeader(RUN_ID_HEADER, String.class), flow,
                direction, mode, clock.instant());
        exchange.setProperty(SyncRunContext.PROPERTY, run);
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                release(done);
            }
        });
        runs.start(run.started());
        return Optional.of(run);
    }

    private static boolean acquire(Semaphore lock, Duration wait) {
        try {
            return lock.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isRunning(String flow, Direction direction) {
        return running.contains(flow + "/" + direction);
    }

    /** Lets the next run of the flow start: at the end of the run, or when the exchange ends, whichever is first. */
    private static void release(Exchange exchange) {
        Runnable release = exchange.getProperty(RELEASE_PROPERTY, Runnable.class);
        if (release != null) {
            release.run();
        }
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
        // Released here, not when the exchange ends: a child flow goes on to push partner accounts.
        release(exchange);
    }

    /** Ends the exchange's run as failed; the watermark stays where the last committed page left it. */
    public void failed(Exchange exchange) {
        SyncRunContext run = exchange.getProperty(SyncRunContext.PROPERTY, SyncRunContext.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String message = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        SalesforceFailures.Kind kind = cause == null ? SalesforceFailures.Kind.PERMANENT
                : SalesforceFailures.classify(cause);
        message = kind + " " + message;
        String flow = exchange.getProperty(InboundSync.FLOW_PROPERTY, String.class);
        if (kind == SalesforceFailures.Kind.THROTTLED && flow != null) {
            gate.throttled(flow, cause.getMessage());
        }
        if (run == null) {
            log.error("Sync failed before its run started: {}", message, cause);
            return;
        }
        Instant now = clock.instant();
        runs.update(run.finished("FAILED", now, message));
        log.error("{} - FAILED: {}", run.summary(now), message);
    }
}
