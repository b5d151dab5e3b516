package io.prmsync.sync.run;

import io.prmsync.mapping.RecordMapper;
import io.prmsync.store.Direction;
import io.prmsync.store.SyncRun;
import io.prmsync.store.Watermark;
import io.prmsync.sync.InboundDecision;
import io.prmsync.sync.TierChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of one flow in one direction, from the moment it holds its flow's lock until it ends: what it is asked to
 * do (typed, from its {@link FlowTrigger}), how far it got, and how it ended. The engine's steps take it and nothing
 * else; counters are synchronized because the status API reads them while the run goes on.
 */
public final class FlowRun {

    /** How a run ended; {@code RUNNING} until it has. */
    public enum State {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    private final String runId;
    /** The node running it. */
    private final String node;

    private final String flow;
    private final Direction direction;
    private final RecordMapper mapper;
    private final FlowTrigger trigger;
    private final Instant startedAt;
    private final Map<InboundDecision, Long> inbound = new EnumMap<>(InboundDecision.class);
    private long read;
    private long written;
    private long rejected;
    private long apiCalls;
    private Long total;
    private long parked;
    private boolean sweepDeletions;
    private Watermark reached;
    private TierChanges tierChanges = TierChanges.none();
    private Instant readUntil;
    private State state = State.RUNNING;
    private String failure;

    FlowRun(
            String flow,
            Direction direction,
            RecordMapper mapper,
            FlowTrigger trigger,
            Instant startedAt,
            String node) {
        this.node = node;
        this.runId = trigger.runId().orElseGet(() -> UUID.randomUUID().toString());
        this.flow = flow;
        this.direction = direction;
        this.mapper = mapper;
        this.trigger = trigger;
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

    public RecordMapper mapper() {
        return mapper;
    }

    public Mode mode() {
        return trigger.mode();
    }

    public FlowTrigger trigger() {
        return trigger;
    }

    /** A run over named records (a webhook's) rather than over everything changed; it moves no watermark. */
    public boolean isTargeted() {
        return trigger.mode() == Mode.RECORDS;
    }

    public boolean isFull() {
        return trigger.mode() == Mode.FULL;
    }

    /** The records a targeted run syncs. */
    public List<String> records() {
        return trigger.records();
    }

    /** Asks the run to look for deletions by id as well. */
    public synchronized void sweepDeletions() {
        sweepDeletions = true;
    }

    public synchronized boolean needsDeletionSweep() {
        return sweepDeletions;
    }

    /** Where an outbound run got to; committed when the run finishes. */
    public synchronized void reached(Watermark position) {
        reached = position;
    }

    public synchronized Optional<Watermark> reached() {
        return Optional.ofNullable(reached);
    }

    /** How far an incremental or full run reads: recorded when it finishes, for the next run's overlap. */
    public synchronized void readsUntil(Instant horizon) {
        readUntil = horizon;
    }

    public synchronized Optional<Instant> readUntil() {
        return Optional.ofNullable(readUntil);
    }

    /** Tiers the run's records changed, for the run that carries them to Salesforce next. */
    public synchronized void tiersChanged(TierChanges changes) {
        tierChanges = tierChanges.and(changes);
    }

    public synchronized TierChanges tierChanges() {
        return tierChanges;
    }

    /** The number of records the run will read, when the source tells it up front. */
    public synchronized void expectTotal(long records) {
        if (total == null) {
            total = records;
        }
    }

    public synchronized void countApiCall() {
        apiCalls++;
    }

    public synchronized void countInbound(Map<InboundDecision, Integer> decisions) {
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
    public synchronized void countSweep(Map<InboundDecision, Integer> decisions) {
        decisions.forEach((decision, n) -> {
            if (decision == InboundDecision.DELETED) {
                inbound.merge(decision, (long) n, Long::sum);
                written += n;
            }
        });
    }

    public synchronized void countExpired(int records) {
        rejected += records;
    }

    public synchronized void countOutbound(int sent, int failed) {
        read += sent;
        written += sent - failed;
        rejected += failed;
    }

    /** Rows the run wrote: PRM rows created, updated or deleted inbound, records saved in Salesforce outbound. */
    public synchronized long rowsWritten() {
        return direction == Direction.INBOUND
                ? inbound.getOrDefault(InboundDecision.CREATED, 0L)
                        + inbound.getOrDefault(InboundDecision.UPDATED, 0L)
                        + inbound.getOrDefault(InboundDecision.DELETED, 0L)
                : written;
    }

    /** What the run's records came to so far. */
    public record Counts(long read, long written, long rejected, long parked) {}

    public synchronized Counts counts() {
        return new Counts(read, written, rejected, parked);
    }

    public Instant startedAt() {
        return startedAt;
    }

    public synchronized State state() {
        return state;
    }

    /** Why the run failed, with the failure's class first. */
    public synchronized Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The run as {@code sync_run} shall record its end; the run itself ends once that is saved. */
    synchronized SyncRun endedAs(State end, Instant at, String message) {
        return toRun(end, at, message);
    }

    synchronized void ended(State end, String message) {
        state = end;
        failure = message;
    }

    synchronized SyncRun progress() {
        return toRun(state, null, failure);
    }

    private SyncRun toRun(State as, Instant finishedAt, String message) {
        return new SyncRun(
                runId,
                flow,
                direction,
                mode().label(),
                as.name(),
                startedAt,
                finishedAt,
                read,
                total,
                written,
                rejected,
                apiCalls,
                message,
                node);
    }

    synchronized String summary(Instant now) {
        String records = direction == Direction.INBOUND
                ? read + " read (" + inbound.getOrDefault(InboundDecision.CREATED, 0L) + " created, "
                        + inbound.getOrDefault(InboundDecision.UPDATED, 0L) + " updated, "
                        + inbound.getOrDefault(InboundDecision.DELETED, 0L) + " deleted, "
                        + inbound.getOrDefault(InboundDecision.UNCHANGED, 0L) + " unchanged)"
                : read + " sent, " + written + " saved";
        Duration took = Duration.between(startedAt, now);
        return String.format(
                "%s %s %s run: %s, %d rejected, %d parked, %d API call%s, %.2f s",
                flow,
                direction.name().toLowerCase(),
                mode().label(),
                records,
                rejected,
                parked,
                apiCalls,
                apiCalls == 1 ? "" : "s",
                took.toMillis() / 1000.0);
    }
}
