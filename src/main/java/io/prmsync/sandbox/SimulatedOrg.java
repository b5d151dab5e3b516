package io.prmsync.sandbox;

import io.prmsync.sandbox.pubsub.CommittedTransaction;
import io.prmsync.sandbox.pubsub.RecordChange;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The data of the simulated org, safe to use from any thread while the simulator serves requests.
 *
 * <p>Writes made here stand for a channel manager editing in the Salesforce UI: they are validated like API
 * writes (unknown fields, required fields, lookups, unique external ids) and stamped from the org's clock, but
 * they do not count as API calls, ignore injected rejections, and may set platform-only fields such as
 * {@code Lead.IsConverted}. Values accept String, Boolean, Number, LocalDate, Instant, OffsetDateTime and
 * ZonedDateTime; records come back as copies holding String, Boolean, Integer, Double, LocalDate and Instant.
 * A rejected write throws {@link IllegalArgumentException} whose message starts with the Salesforce error code.
 */
public final class SimulatedOrg {

    /** Bytes of CSV one ingest job may upload (see {@link #ingestUploadLimit}). */
    private volatile long ingestUploadLimit = 100_000_000L;

    static final String USER_ID = "005000000000001AAA";

    /**
     * The channel manager whose UI edits direct writes stand for, as change events name the committing user. The
     * stored LastModifiedById stays {@link #USER_ID}: the org keeps a single user for its audit fields.
     */
    public static final String UI_USER_ID = "005000000000002AAA";

    private final Schema schema = Schema.standard();
    private final SalesforceIds ids = new SalesforceIds();
    private final OrgData data = new OrgData();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ApiUsage usage;
    private final RejectionRules noRules = new RejectionRules();
    private final DuplicateRules duplicateRules = new DuplicateRules();
    private final Set<String> readOnlyIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Clock clock = Clock.systemUTC();
    private volatile ChronoUnit stampPrecision = ChronoUnit.SECONDS;
    private volatile Consumer<CommittedTransaction> changeSink = transaction -> {};
    private volatile String connectedAppClientId = "";

    SimulatedOrg(long dailyApiLimit) {
        this.usage = new ApiUsage(dailyApiLimit);
    }

    /** @return the new record's 18-character id */
    public String insert(String sObject, Map<String, Object> fields) {
        ObjectDef type = type(sObject);
        Map<String, Object> values = RecordInput.fromJava(type, fields);
        return orThrow(write(noRules, WriteOrigin.UI, engine -> engine.create(type, values)))
                .id();
    }

    public void update(String id, Map<String, Object> fields) {
        ObjectDef type = typeOfId(id);
        Map<String, Object> values = RecordInput.fromJava(type, fields);
        orThrow(write(noRules, WriteOrigin.UI, engine -> engine.update(id, type, values)));
    }

    /** Moves the record to the recycle bin: IsDeleted becomes true and only queryAll still sees it. */
    public void delete(String id) {
        orThrow(write(noRules, WriteOrigin.UI, engine -> engine.delete(id, null)));
    }

    /** Restores a record from the recycle bin: IsDeleted becomes false and every query sees it again. */
    public void undelete(String id) {
        orThrow(write(noRules, WriteOrigin.UI, engine -> engine.undelete(id)));
    }

    /**
     * Empties the record out of the recycle bin, as Salesforce does after about 15 days: not even queryAll sees it
     * any more. Only a record already deleted can be purged.
     */
    public void purge(String id) {
        lock.writeLock().lock();
        try {
            StoredRecord record = data.find(SalesforceIds.to18(id))
                    .orElseThrow(() -> new IllegalArgumentException("no record " + id));
            if (!Boolean.TRUE.equals(record.get("IsDeleted"))) {
                throw new IllegalStateException("record " + id + " is not in the recycle bin");
            }
            data.remove(record);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Makes a field a formula or roll-up: describe says {@code calculated} (and neither createable nor updateable),
     * and {@link #recalculate} changes its value without moving SystemModstamp.
     */
    public void makeCalculated(String sObject, String field) {
        type(sObject).calculate(field);
    }

    /** A calculated field takes a new value, as Salesforce recalculates one: no modification stamp moves. */
    public void recalculate(String id, String field, Object value) {
        lock.writeLock().lock();
        try {
            StoredRecord record = data.find(SalesforceIds.to18(id))
                    .orElseThrow(() -> new IllegalArgumentException("no record " + id));
            FieldDef def = record.type().field(field).orElseThrow();
            if (!record.type().isCalculated(def.name())) {
                throw new IllegalStateException(field + " is not calculated; makeCalculated it first");
            }
            Map<String, Object> values = new java.util.LinkedHashMap<>(record.values());
            values.put(def.name(), FieldValues.fromJava(def, value));
            data.replaceValues(record, values);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Finds a record by 15- or 18-character id, deleted ones included (check {@code IsDeleted}). */
    public Optional<Map<String, Object>> findById(String id) {
        if (!SalesforceIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return read(d -> d.find(SalesforceIds.to18(id)).map(StoredRecord::copyAllFields));
    }

    /** Live records whose field equals the value (text compared ignoring case, as SOQL does). */
    public List<Map<String, Object>> findByField(String sObject, String field, Object value) {
        ObjectDef type = type(sObject);
        FieldDef def = type.field(field)
                .orElseThrow(() -> new IllegalArgumentException(
                        "INVALID_FIELD: No such column '" + field + "' on sobject of type " + type.name()));
        Object wanted = FieldValues.fromJava(def, value);
        return read(d -> d.all(type.name()).stream()
                .filter(r -> !r.deleted())
                .filter(r -> wanted == null
                        ? r.get(def.name()) == null
                        : r.get(def.name()) != null && FieldValues.compare(def.type(), wanted, r.get(def.name())) == 0)
                .map(StoredRecord::copyAllFields)
                .toList());
    }

    /** The values one field holds across the type's live records, without copying the records (for watchers). */
    public java.util.Set<Object> values(String sObject, String field) {
        ObjectDef type = type(sObject);
        return read(d -> d.all(type.name()).stream()
                .filter(r -> !r.deleted())
                .map(r -> r.get(field))
                .filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** Live records of the type in creation order. */
    public List<Map<String, Object>> records(String sObject) {
        ObjectDef type = type(sObject);
        return read(d -> d.all(type.name()).stream()
                .filter(r -> !r.deleted())
                .map(StoredRecord::copyAllFields)
                .toList());
    }

    public int count(String sObject) {
        ObjectDef type = type(sObject);
        return read(
                d -> (int) d.all(type.name()).stream().filter(r -> !r.deleted()).count());
    }

    /**
     * Makes this the org with the given organization id (its one {@code Organization} record), as a sandbox
     * refresh or a login to another org would look to the integration.
     */
    public void becomeOrganization(String organizationId) {
        ObjectDef type = type("Organization");
        lock.writeLock().lock();
        try {
            List.copyOf(data.all(type.name())).forEach(data::remove);
            Instant now = now();
            Map<String, Object> values = new java.util.LinkedHashMap<>();
            values.put("Id", SalesforceIds.to18(organizationId));
            values.put("IsDeleted", false);
            values.put("Name", "prm-sync sandbox");
            values.put("OrganizationType", "Developer Edition");
            values.put("IsSandbox", true);
            values.put("OwnerId", USER_ID);
            values.put("CreatedDate", now);
            values.put("CreatedById", USER_ID);
            values.put("LastModifiedDate", now);
            values.put("LastModifiedById", USER_ID);
            values.put("SystemModstamp", now);
            data.insert(new StoredRecord(type, values));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Takes a field out of the integration user's sight, as field-level security does: describe leaves it out,
     * and queries and writes naming it are refused with {@code INVALID_FIELD}.
     */
    public void hideField(String sObject, String field) {
        type(sObject).hide(field);
    }

    /**
     * Activates a duplicate rule matching on one field, as the standard Account rule matches on the name: API
     * writes of a second live record with the same value are refused with DUPLICATES_DETECTED.
     */
    public void activateDuplicateRule(String sObject, String field) {
        ObjectDef type = type(sObject);
        duplicateRules.activate(
                type,
                type.field(field).orElseThrow(() -> new IllegalArgumentException(sObject + " has no field " + field)));
    }

    /**
     * Takes a record out of the integration user's write access (sharing, a locked approval): API updates and
     * deletes of it are refused with INSUFFICIENT_ACCESS_OR_READONLY.
     */
    public void makeReadOnly(String id) {
        readOnlyIds.add(SalesforceIds.to18(id));
    }

    /** Gives write access to every record again. */
    public void restoreWriteAccess() {
        readOnlyIds.clear();
    }

    /** Deactivates every duplicate rule. */
    public void deactivateDuplicateRules() {
        duplicateRules.clear();
    }

    /** Shows every hidden field again. */
    public void revealFields() {
        schema.objects().forEach(ObjectDef::revealAll);
    }

    /** Timestamps of later writes come from this clock; tests pin it to make many rows share one stamp. */
    public void useClock(Clock newClock) {
        clock = Objects.requireNonNull(newClock);
    }

    public Clock clock() {
        return clock;
    }

    /** API calls counted against the daily limit so far. */
    public long apiUsage() {
        return usage.used();
    }

    public long dailyApiLimit() {
        return usage.limit();
    }

    public void setDailyApiLimit(long limit) {
        usage.setLimit(limit);
    }

    /**
     * The most CSV one ingest job takes: Salesforce takes 150 MB of base64 per job, which it advises is 100 MB of
     * CSV; the simulator refuses more than 100,000,000 bytes (tests set less).
     */
    public long ingestUploadLimit() {
        return ingestUploadLimit;
    }

    public void setIngestUploadLimit(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("an upload limit must be positive: " + bytes);
        }
        ingestUploadLimit = bytes;
    }

    public void resetApiUsage() {
        usage.reset();
    }

    Schema schema() {
        return schema;
    }

    ApiUsage usage() {
        return usage;
    }

    /**
     * Stamps later writes to the millisecond, which Salesforce never does: only for tests that run with a zero
     * settle lag, where a run's watermark may sit in the very second a later edit of the same record lands in.
     */
    public void useMillisecondStamps() {
        stampPrecision = ChronoUnit.MILLIS;
    }

    /**
     * The org's time as it stamps records: to the whole second, as Salesforce's date-times carry no milliseconds,
     * so every record written within one second shares one {@code SystemModstamp}.
     */
    Instant now() {
        return Instant.now(clock).truncatedTo(stampPrecision);
    }

    <T> T read(Function<OrgData, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(data);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs one API call's writes atomically; all of them share one timestamp. */
    <T> T write(RejectionRules rules, WriteOrigin origin, Function<WriteEngine, T> work) {
        return write(rules, origin, false, work);
    }

    /**
     * Runs one transaction and hands what it committed to Change Data Capture before the lock is released, so change
     * events come in commit order.
     *
     * @param allowDuplicates the call sent {@code Sforce-Duplicate-Rule-Header: allowSave=true}
     */
    <T> T write(RejectionRules rules, WriteOrigin origin, boolean allowDuplicates, Function<WriteEngine, T> work) {
        boolean trusted = origin.trusted();
        lock.writeLock().lock();
        try {
            WriteEngine engine = new WriteEngine(
                    data,
                    schema,
                    ids,
                    now(),
                    rules,
                    trusted || allowDuplicates ? null : duplicateRules,
                    trusted ? Set.of() : readOnlyIds,
                    trusted);
            T result = work.apply(engine);
            List<RecordChange> changes = engine.changes();
            if (!changes.isEmpty()) {
                changeSink.accept(new CommittedTransaction(
                        changes,
                        origin.changeOrigin(connectedAppClientId),
                        origin.commitUser(),
                        Instant.now(clock).truncatedTo(ChronoUnit.MILLIS)));
            }
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Where committed transactions go, and the connected app API writes are reported to come from. */
    void captureChanges(Consumer<CommittedTransaction> sink, String clientId) {
        changeSink = Objects.requireNonNull(sink);
        connectedAppClientId = Objects.requireNonNull(clientId);
    }

    private ObjectDef type(String sObject) {
        return schema.object(sObject)
                .orElseThrow(() ->
                        new IllegalArgumentException("INVALID_TYPE: sObject type '" + sObject + "' is not supported."));
    }

    private ObjectDef typeOfId(String id) {
        if (!SalesforceIds.isWellFormed(id)) {
            throw new IllegalArgumentException("MALFORMED_ID: malformed id " + id);
        }
        return schema.objectForId(id)
                .orElseThrow(() ->
                        new IllegalArgumentException("INVALID_CROSS_REFERENCE_KEY: invalid cross reference id " + id));
    }

    private static RecordResult orThrow(RecordResult result) {
        if (!result.success()) {
            ApiError error = result.errors().get(0);
            throw new IllegalArgumentException(error.errorCode() + ": " + error.message());
        }
        return result;
    }
}
