package io.prmsync.sandbox;

import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Misbehaviour on demand, for tests and benchmarks: latency, failing calls, rejected records, expired sessions,
 * Bulk API 2.0 jobs that take their time.
 */
public final class FaultKnobs {

    private static final int DEFAULT_BULK_POLLS = 1;

    private final Schema schema;
    private final TokenService tokens;
    private final RejectionRules rejections = new RejectionRules();
    private final Map<Endpoint, Deque<SimulatedFailure>> pending = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Deque<Duration>> slow = new EnumMap<>(Endpoint.class);
    private volatile Duration latency = Duration.ZERO;
    private volatile RandomFaults random;
    private volatile int bulkPollsBeforeComplete = DEFAULT_BULK_POLLS;
    private volatile int queryPageLimit;
    private final AtomicLong injected = new AtomicLong();
    private final Map<Endpoint, ServedHook> afterServing = new EnumMap<>(Endpoint.class);

    /** Failures drawn at random for a share of data calls; a null failure in the mix expires every session. */
    private record RandomFaults(double rate, Random draw, List<SimulatedFailure> mix) {}

    FaultKnobs(Schema schema, TokenService tokens) {
        this.schema = schema;
        this.tokens = tokens;
    }

    /** Delays every answer, token calls included. */
    public FaultKnobs latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + delay);
        }
        latency = delay;
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /**
     * The next call of the endpoint is answered after {@code delay} on top of the latency, no byte sent before: a
     * query over a large object can take Salesforce that long before its first page.
     */
    public FaultKnobs slowNext(Endpoint endpoint, Duration delay) {
        synchronized (slow) {
            slow.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).add(delay);
        }
        return this;
    }

    /** The delay of this call of the endpoint: the latency, and a slow answer queued for it. */
    Duration delay(Endpoint endpoint) {
        Duration extra;
        synchronized (slow) {
            Deque<Duration> queue = slow.get(endpoint);
            extra = queue == null ? null : queue.poll();
        }
        return extra == null ? latency : latency.plus(extra);
    }

    /** The next {@code times} calls of the endpoint fail this way; queued after failures already pending. */
    public FaultKnobs failNext(Endpoint endpoint, int times, SimulatedFailure failure) {
        Objects.requireNonNull(failure);
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        synchronized (pending) {
            Deque<SimulatedFailure> queue = pending.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(failure);
            }
        }
        return this;
    }

    /**
     * From now on each data call (not the token endpoint) fails with probability {@code rate}, with a failure drawn
     * from {@code mix}; a {@code null} entry in the mix stands for "every session expires" (the call then gets 401
     * INVALID_SESSION_ID, as Salesforce answers after a session timeout). Seeded, so a failing run can be repeated.
     */
    public FaultKnobs randomFailures(double rate, long seed, List<SimulatedFailure> mix) {
        if (rate < 0 || rate > 1 || mix.isEmpty()) {
            throw new IllegalArgumentException("rate must be 0..1 and the mix not empty");
        }
        random = new RandomFaults(rate, new Random(seed), new ArrayList<>(mix));
        return this;
    }

    /**
     * Any record written through the API whose field would hold the value gets this per-record error
     * (e.g. FIELD_CUSTOM_VALIDATION_EXCEPTION), while the other records of the same call go through.
     */
    public FaultKnobs rejectRecords(String sObject, String field, Object value, String errorCode, String message) {
        ObjectDef type =
                schema.object(sObject).orElseThrow(() -> new IllegalArgumentException("unknown sObject " + sObject));
        FieldDef def = type.field(field)
                .orElseThrow(() -> new IllegalArgumentException("unknown field " + sObject + "." + field));
        rejections.add(type, def, value, errorCode, message);
        return this;
    }

    /**
     * How many job-info calls ({@code GET /jobs/ingest/{id}}, {@code GET /jobs/query/{id}}) a Bulk API 2.0 job
     * answers InProgress after it was closed (ingest) or created (query), before it shows JobComplete or Failed.
     * The simulator does the work at once, so this is what makes a client really poll; results asked for earlier
     * are refused as they are in Salesforce. Applies to jobs closed or created from now on; 0 makes the first
     * call see the outcome. Default 1.
     */
    public FaultKnobs bulkPollsBeforeComplete(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("polls must not be negative: " + polls);
        }
        bulkPollsBeforeComplete = polls;
        return this;
    }

    public int bulkPollsBeforeComplete() {
        return bulkPollsBeforeComplete;
    }

    /**
     * Query pages hold at most {@code records} records from now on, whatever batch size the client asked for:
     * Salesforce treats {@code batchSize} as a hint and may answer with shorter pages. 0 lifts the limit.
     */
    public FaultKnobs shortenQueryPages(int records) {
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative: " + records);
        }
        queryPageLimit = records;
        return this;
    }

    /** The most records a query page may hold, or 0 for no limit beyond the batch size. */
    int queryPageLimit() {
        return queryPageLimit;
    }

    /**
     * Runs {@code action} once the simulator has served the {@code nth} call of the endpoint from now on (injected
     * failures do not count), after the call took effect and before its answer leaves: a crash harness kills the
     * client there, so the write reached Salesforce but the client never heard of it.
     */
    public FaultKnobs afterServing(Endpoint endpoint, int nth, Runnable action) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth must be at least 1: " + nth);
        }
        synchronized (afterServing) {
            afterServing.put(endpoint, new ServedHook(new java.util.concurrent.atomic.AtomicInteger(nth), action));
        }
        return this;
    }

    /** Counts a served call towards its endpoint's hook, and runs the hook when its call has come. */
    void served(Endpoint endpoint) {
        ServedHook hook;
        synchronized (afterServing) {
            hook = afterServing.get(endpoint);
            if (hook == null || hook.remaining().decrementAndGet() > 0) {
                return;
            }
            afterServing.remove(endpoint);
        }
        hook.action().run();
    }

    private record ServedHook(java.util.concurrent.atomic.AtomicInteger remaining, Runnable action) {}

    /** Invalidates every issued access token: the next data call answers 401 INVALID_SESSION_ID. */
    public FaultKnobs expireSessions() {
        tokens.expireAll();
        return this;
    }

    /**
     * Removes latency, slow answers, pending failures, hooks, rejection rules and short query pages, and puts the Bulk API polls
     * back to the default;
     * sessions stay as they are.
     */
    public FaultKnobs clear() {
        latency = Duration.ZERO;
        random = null;
        bulkPollsBeforeComplete = DEFAULT_BULK_POLLS;
        queryPageLimit = 0;
        synchronized (pending) {
            pending.clear();
        }
        synchronized (slow) {
            slow.clear();
        }
        synchronized (afterServing) {
            afterServing.clear();
        }
        rejections.clear();
        return this;
    }

    /** How many calls got an injected failure (queued or random) since the simulator started. */
    public long injected() {
        return injected.get();
    }

    RejectionRules rejections() {
        return rejections;
    }

    Optional<ApiResponse> takeFailure(Endpoint endpoint) {
        SimulatedFailure failure;
        synchronized (pending) {
            Deque<SimulatedFailure> queue = pending.get(endpoint);
            failure = queue == null ? null : queue.poll();
        }
        RandomFaults chance = random;
        if (failure == null && chance != null && endpoint != Endpoint.TOKEN) {
            synchronized (chance.draw()) {
                if (chance.draw().nextDouble() < chance.rate()) {
                    failure =
                            chance.mix().get(chance.draw().nextInt(chance.mix().size()));
                    if (failure == null) {
                        injected.incrementAndGet();
                        tokens.expireAll();
                        return Optional.empty();
                    }
                }
            }
        }
        if (failure != null) {
            injected.incrementAndGet();
        }
        return Optional.ofNullable(failure).map(FaultKnobs::toResponse);
    }

    private static ApiResponse toResponse(SimulatedFailure failure) {
        if (failure instanceof SimulatedFailure.HttpError error) {
            return ApiException.of(error.status(), error.errorCode(), error.message())
                    .toResponse();
        }
        return ApiResponse.fault(
                switch (((SimulatedFailure.ConnectionFault) failure).kind()) {
                    case CONNECTION_RESET -> Fault.CONNECTION_RESET_BY_PEER;
                    case EMPTY_RESPONSE -> Fault.EMPTY_RESPONSE;
                    case MALFORMED_RESPONSE_CHUNK -> Fault.MALFORMED_RESPONSE_CHUNK;
                    case RANDOM_DATA_THEN_CLOSE -> Fault.RANDOM_DATA_THEN_CLOSE;
                });
    }
}
