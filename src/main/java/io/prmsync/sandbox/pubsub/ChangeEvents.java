package io.prmsync.sandbox.pubsub;

import com.salesforce.eventbus.protobuf.FetchResponse;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Change Data Capture for the simulated org: turns committed transactions into change events on their channels,
 * keeps them for the retention period, feeds the Pub/Sub API's Subscribe streams, and misbehaves on demand.
 */
public final class ChangeEvents {

    /** Salesforce sends a keep-alive within 270 seconds to a subscriber that waits for events. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(270);

    /** The record id of a GAP_OVERFLOW event: it stands for every record of the object. */
    public static final String ALL_RECORDS = "000000000000000AAA";

    private final String orgId;
    private final Supplier<Clock> clock;
    private final Map<String, ChangeEventSchema> schemasByEntity = new LinkedHashMap<>();
    private final Map<String, ChangeEventSchema> schemasById = new HashMap<>();
    private final Channels channels;
    private final EventLog log;
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> gapsPending = new HashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong subscribeCalls = new AtomicLong();
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pubsub-dispatcher");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> keepAlives;
    private long commitNumber;

    /** @param clock the org's clock, read whenever retention or a commit time is decided */
    public ChangeEvents(String orgId, Collection<CdcEntity> entities, Supplier<Clock> clock) {
        this.orgId = orgId;
        this.clock = clock;
        entities.forEach(entity -> {
            ChangeEventSchema schema = new ChangeEventSchema(entity);
            schemasByEntity.put(entity.name(), schema);
            schemasById.put(schema.id(), schema);
        });
        this.channels = new Channels(entities);
        this.log = new EventLog(() -> Instant.now(clock.get()));
        keepAliveEvery(DEFAULT_KEEP_ALIVE);
    }

    /**
     * Records the transaction's changes as events, numbered in commit order: the org calls this while it still
     * holds its write lock, so events follow commits exactly.
     */
    public void publish(CommittedTransaction transaction) {
        List<RecordChange> published = transaction.changes().stream()
                .filter(change -> channels.publishes(change.entity()))
                .toList();
        if (published.isEmpty()) {
            return;
        }
        List<EventDraft> drafts = EventDraft.merge(published);
        synchronized (this) {
            long number = ++commitNumber;
            String transactionKey = UUID.randomUUID().toString();
            int sequence = 0;
            for (EventDraft draft : drafts) {
                EventHeader header = new EventHeader(
                        transaction.changeOrigin(),
                        transactionKey,
                        ++sequence,
                        transaction.commitTimestamp(),
                        number,
                        transaction.commitUser());
                append(takeGap(draft.entity()) ? draft.asGap() : draft, header);
            }
        }
        dispatcher.execute(this::deliverAll);
    }

    /**
     * Selects objects for Change Data Capture, as an admin does in Setup: only then do their changes make events on
     * their own channel and on {@code /data/ChangeEvents}. Nothing is selected at first.
     */
    public ChangeEvents selectEntities(String... objects) {
        channels.select(List.of(objects));
        return this;
    }

    /**
     * Declares a custom channel carrying the objects' change events from now on, as a PlatformEventChannel and its
     * members do; defining it again replaces its members.
     */
    public ChangeEvents defineChannel(String channel, String... objects) {
        channels.define(channel, List.of(objects));
        return this;
    }

    /** How long events stay replayable, measured on the org's clock. Default 72 hours. */
    public ChangeEvents retention(Duration period) {
        log.retention(period);
        return this;
    }

    /** How often a subscriber waiting for events gets an empty response. */
    public synchronized ChangeEvents keepAliveEvery(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("keep-alive interval must be positive: " + interval);
        }
        if (keepAlives != null) {
            keepAlives.cancel(false);
        }
        long millis = interval.toMillis();
        keepAlives = dispatcher.scheduleWithFixedDelay(
                () -> open.forEach(Subscription::keepAlive), millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * The object's next {@code events} change events become gap events (GAP_CREATE, GAP_UPDATE, ...): the header
     * with the record ids and no field values, as Salesforce sends when it cannot read a change's values.
     */
    public synchronized ChangeEvents gapNext(String object, int events) {
        channels.entity(object);
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1: " + events);
        }
        gapsPending.merge(object, events, Integer::sum);
        return this;
    }

    /** A GAP_OVERFLOW event for the object, as Salesforce sends when a transaction changes too many records. */
    public ChangeEvents overflow(String object) {
        channels.entity(object);
        Instant now = Instant.now(clock.get()).truncatedTo(ChronoUnit.MILLIS);
        synchronized (this) {
            EventHeader header = new EventHeader("", UUID.randomUUID().toString(), 1, now, ++commitNumber, ALL_RECORDS);
            append(new EventDraft(object, List.of(ALL_RECORDS), ChangeType.GAP_OVERFLOW, Map.of()), header);
        }
        dispatcher.execute(this::deliverAll);
        return this;
    }

    /** Every retained event expires now: every replay id handed out so far becomes invalid. */
    public ChangeEvents expireRetainedEvents() {
        log.expireAll();
        return this;
    }

    /** Ends every open Subscribe stream with UNAVAILABLE, as a dropped connection does; clients resubscribe. */
    public ChangeEvents breakStreams() {
        List.copyOf(open).forEach(s -> s.fail(PubSubErrors.streamReset()));
        return this;
    }

    /** Events sent on Subscribe streams since the simulator started. */
    public long eventsDelivered() {
        return delivered.get();
    }

    /** Subscribe calls that passed authentication since the simulator started. */
    public long subscribeCalls() {
        return subscribeCalls.get();
    }

    /** Subscribe streams open now that have named their topic: events committed from now on reach them. */
    public int openStreams() {
        return (int) open.stream().filter(Subscription::started).count();
    }

    String orgId() {
        return orgId;
    }

    Channels channels() {
        return channels;
    }

    EventLog log() {
        return log;
    }

    ChangeEventSchema schema(String schemaId) {
        return schemasById.get(schemaId);
    }

    ChangeEventSchema schemaOf(CdcEntity entity) {
        return schemasByEntity.get(entity.name());
    }

    Subscription open(ServerCallStreamObserver<FetchResponse> out) {
        subscribeCalls.incrementAndGet();
        Subscription subscription = new Subscription(out, this);
        open.add(subscription);
        return subscription;
    }

    void forget(Subscription subscription) {
        open.remove(subscription);
    }

    void counted(int events) {
        delivered.addAndGet(events);
    }

    void close() {
        dispatcher.shutdownNow();
    }

    private void deliverAll() {
        open.forEach(Subscription::deliver);
    }

    private boolean takeGap(String entity) {
        Integer left = gapsPending.get(entity);
        if (left == null) {
            return false;
        }
        if (left == 1) {
            gapsPending.remove(entity);
        } else {
            gapsPending.put(entity, left - 1);
        }
        return true;
    }

    private void append(EventDraft draft, EventHeader header) {
        ChangeEventSchema schema = schemasByEntity.get(draft.entity());
        if (schema == null) {
            return;
        }
        byte[] payload = EventEncoder.encode(schema, draft, header);
        log.append(
                channels.of(draft.entity()),
                schema.id(),
                payload,
                UUID.randomUUID().toString(),
                header.commitTimestamp());
    }
}
