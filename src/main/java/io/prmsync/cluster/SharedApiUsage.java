package io.prmsync.cluster;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The org's API budget as Salesforce last reported it to any node on the store: every node's runs spend one daily
 * allocation, so each obeys the newest reading, whoever took it. A node writes its readings at most every
 * {@code prm-sync.cluster.shared-state-refresh} and reads the others' as often.
 */
@Component
public class SharedApiUsage {

    /** Calls used of the daily limit, when, and by which node's call. */
    public record Reading(long used, long limit, Instant readAt, String node) {}

    private final JdbcClient jdbc;
    private final NodeIdentity node;
    private final ClusterProperties properties;
    private final Clock clock;
    private final AtomicReference<Instant> lastWritten = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<Instant> lastRead = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<Reading> shared = new AtomicReference<>();

    SharedApiUsage(JdbcClient jdbc, NodeIdentity node, ClusterProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.node = node;
        this.properties = properties;
        this.clock = clock;
    }

    /** This node's newest reading; written to the store unless one was written a moment ago. */
    public void publish(long used, long limit, Instant readAt) {
        Instant last = lastWritten.get();
        if (last.plus(properties.sharedStateRefresh()).isAfter(readAt) || !lastWritten.compareAndSet(last, readAt)) {
            return;
        }
        Reading reading = new Reading(used, limit, readAt, node.id());
        shared.set(reading);
        try {
            write(reading);
        } catch (RuntimeException storeUnavailable) {
            // Called after every Salesforce call: a store briefly away must not fail the call; the next one writes.
            lastWritten.set(Instant.MIN);
        }
    }

    private void write(Reading reading) {
        java.util.Map<String, Object> row = java.util.Map.of(
                "used", reading.used(), "limit", reading.limit(), "at", at(reading.readAt()), "node", reading.node());
        int updated = jdbc.sql("UPDATE api_usage_reading SET used = :used, api_limit = :limit, read_at = :at,"
                        + " read_by = :node WHERE id = 1 AND read_at <= :at")
                .params(row)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO api_usage_reading (id, used, api_limit, read_at, read_by)"
                                + " VALUES (1, :used, :limit, :at, :node)")
                        .params(row)
                        .update();
            } catch (org.springframework.dao.DuplicateKeyException newerThere) {
                // Another node's reading is newer: it stays.
            }
        }
    }

    /** The newest reading any node stored, read again at most every refresh period. */
    public Optional<Reading> latest() {
        Instant now = clock.instant();
        Instant read = lastRead.get();
        if (!read.plus(properties.sharedStateRefresh()).isAfter(now) && lastRead.compareAndSet(read, now)) {
            readStored();
        }
        return Optional.ofNullable(shared.get());
    }

    private void readStored() {
        try {
            jdbc.sql("SELECT used, api_limit, read_at, read_by FROM api_usage_reading WHERE id = 1")
                    .query((rs, n) -> new Reading(
                            rs.getLong("used"),
                            rs.getLong("api_limit"),
                            rs.getObject("read_at", OffsetDateTime.class).toInstant(),
                            rs.getString("read_by")))
                    .optional()
                    .filter(stored -> shared.get() == null
                            || stored.readAt().isAfter(shared.get().readAt()))
                    .ifPresent(shared::set);
        } catch (RuntimeException storeUnavailable) {
            // The last reading known here stands until the store answers again.
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
