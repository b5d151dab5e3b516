package io.prmsync.sync;

import io.prmsync.salesforce.ApiUsage;
import io.prmsync.store.Direction;
import io.prmsync.store.SyncRun;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;

/** Counters of one run while it is under way; travels with the exchange as a property. */
public final class SyncRunContext {

    public static final String PROPERTY = "prmSyncRun";

    private final String runId;
    private final String flow;
    private final Direction direction;
    private final String mode;
    private final Instant startedAt;
    private final Map<InboundDecision, Long> inbound = new EnumMap<>(InboundDecision.class);
    private long read;
    private long written;
    private long rejected;
    private long apiCalls;
    private Long total;
    private long parked;

    SyncRunContext(String runId, String flow, Direction direction, String mode, Instant startedAt) {
        this.runId = runId == null ? UUID.randomUUID().toString() : runId;
        this.flow = flow;
        this.direction = direction;
        this.mode = mode;
        this.startedAt = startedAt;
    }

    public String runId() {
        return runId;
    }

    public String flow() {
        return flow;
    }

    public Direction direction() {
        return direction;
    }

    private volatile boolean sweepDeletions;

    /** Asks the run to look for deletions by id (its watermark is older than the recycle bin's memory). */
    void sweepDeletions() {
        sweepDeletions = true;
    }

    boolean needsDeletionSweep() {
        return sweepDeletions;
    }

    /** A run over named records (a webhook's) rather than over everything changed; it moves no watermark. */
    boolean isTargeted() {
        return SyncRunTracker.RECORDS_MODE.equals(mode);
    }

    /** The number of records the run will read, when the source tells it up front. */
    synchronized void expectTotal(long records) {
        if (total == null) {
            total = records;
        }
    }

    synchronized SyncRun progress() {
        return toRun("RUNNING", null, null);
    }

    synchronized void countApiCall() {
        apiCalls++;
    }

    /**
     * Counts the Salesforce call the exchange just came back from and takes the API usage it reported. The header
     * is removed: the component copies Sforce-* response headers onto the message and would send them back.
     */
    static void countCall(Exchange exchange, ApiUsage apiUsage) {
        exchange.getProperty(PROPERTY, SyncRunContext.class).countApiCall();
        apiUsage.record(exchange.getMessage().removeHeader(ApiUsage.LIMIT_INFO_HEADER));
    }

    synchronized void countInbound(Map<InboundDecision, Integer> decisions) {
        decisions.forEach((decision, n) -> {
            inbound.merge(decision, (long) n, Long::sum);
            read += n;
            if (decision == InboundDecision.REJECTED) {
                rejected += n;
            } else if (decision == InboundDecision.PARKED) {
                parked += n;
            } else if (decision != InboundDecision.UNCHANGED) {
                written += n;
            }
        });
    }

    /** Deletions found by id: they count as written, not as read (the run's total is what its queries return). */
    synchronized void countSweep(Map<InboundDecision, Integer> decisions) {
        decisions.forEach((decision, n) -> {
            if (decision == InboundDecision.DELETED) {
                inbound.merge(decision, (long) n, Long::sum);
                written += n;
            }
        });
    }

    synchronized void countExpired(int records) {
        rejected += records;
    }

    synchronized void countOutbound(int sent, int failed) {
        read += sent;
        written += sent - failed;
        rejected += failed;
    }

    SyncRun started() {
        return toRun("RUNNING", null, null);
    }

    synchronized SyncRun finished(String state, Instant at, String message) {
        return toRun(state, at, message);
    }

    private SyncRun toRun(String state, Instant finishedAt, String message) {
        return new SyncRun(runId, flow, direction, mode, state, startedAt, finishedAt, read, total, written,
                rejected, apiCalls, message);
    }

    synchronized String summary(Instant now) {
        String records = direction == Direction.INBOUND
                ? read + " read (" + inbound.getOrDefault(InboundDecision.CREATED, 0L) + " created, "
                        + inbound.getOrDefault(InboundDecision.UPDATED, 0L) + " updated, "
                        + inbound.getOrDefault(InboundDecision.DELETED, 0L) + " deleted, "
                        + inbound.getOrDefault(InboundDecision.UNCHANGED, 0L) + " unchanged)"
                : read + " sent, " + written + " saved";
        Duration took = Duration.between(startedAt, now);
        return String.format("%s %s %s run: %s, %d rejected, %d parked, %d API call%s, %.2f s", flow,
                direction.name().toLowerCase(), mode, records, rejected, parked, apiCalls, apiCalls == 1 ? "" : "s",
                took.toMillis() / 1000.0);
    }
}
