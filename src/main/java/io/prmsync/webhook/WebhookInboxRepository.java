package io.prmsync.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_inbox} table. Events are claimed for a lease rather than locked: several nodes can drain one
 * inbox, and the events of a node that died are taken over when its lease runs out.
 */
@Repository
class WebhookInboxRepository {

    enum Accepted {
        NEW,
        DUPLICATE,
        REPLAY
    }

    record Claimed(long id, WebhookEvent event, int attempts) {}

    private static final String CLAIMABLE = "((status = 'PENDING' AND (next_attempt_at IS NULL"
            + " OR next_attempt_at <= :now)) OR (status = 'PROCESSING' AND lease_until < :now))";

    private final JdbcClient jdbc;

    WebhookInboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the event unless its id was seen before from the same source. The same request seen again (same
     * signature) is a replay; the same event id with a new signature is the sender's re-delivery.
     */
    Accepted accept(WebhookEvent event, Instant now) {
        Optional<Accepted> earlier = earlier(event);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            jdbc.sql("INSERT INTO webhook_inbox (source, event_id, entity, record_id, operation, payload, signature,"
                            + " received_at) VALUES (:source, :eventId, :entity, :recordId, :operation, :payload,"
                            + " :signature, :now)")
                    .param("source", event.source())
                    .param("eventId", event.eventId())
                    .param("entity", event.entity())
                    .param("recordId", event.recordId())
                    .param("operation", event.operation())
                    .param("payload", event.payload())
                    .param("signature", event.signature())
                    .param("now", utc(now))
                    .update();
            return Accepted.NEW;
        } catch (DuplicateKeyException raced) {
            // Another node stored the same event between the look and the insert.
            return earlier(event).orElseThrow(() -> raced);
        }
    }

    private Optional<Accepted> earlier(WebhookEvent event) {
        return jdbc.sql("SELECT signature FROM webhook_inbox WHERE source = :source AND event_id = :eventId")
                .param("source", event.source())
                .param("eventId", event.eventId())
                .query((rs, n) -> {
                    String signature = rs.getString(1);
                    return signature != null && signature.equals(event.signature())
                            ? Accepted.REPLAY
                            : Accepted.DUPLICATE;
                })
                .optional();
    }

    /**
     * Takes up to {@code max} events that are due, oldest first, for {@code lease}; events naming one of {@code
     * leftToOthers} are left for the nodes that lead their flows.
     */
    List<Claimed> claim(int max, Instant now, java.time.Duration lease, Collection<String> leftToOthers) {
        var due = jdbc.sql("SELECT id FROM webhook_inbox WHERE " + CLAIMABLE
                        + (leftToOthers.isEmpty() ? "" : " AND entity NOT IN (:left)") + " ORDER BY id FETCH FIRST "
                        + max + " ROWS ONLY")
                .param("now", utc(now));
        if (!leftToOthers.isEmpty()) {
            due = due.param("left", leftToOthers);
        }
        List<Long> ids = due.query(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        String claim = UUID.randomUUID().toString();
        jdbc.sql("UPDATE webhook_inbox SET status = 'PROCESSING', claimed_by = :claim, lease_until = :lease"
                        + " WHERE id IN (:ids) AND " + CLAIMABLE)
                .param("claim", claim)
                .param("lease", utc(now.plus(lease)))
                .param("ids", ids)
                .param("now", utc(now))
                .update();
        return jdbc.sql("SELECT id, source, event_id, entity, record_id, operation, attempts FROM webhook_inbox"
                        + " WHERE claimed_by = :claim AND status = 'PROCESSING' ORDER BY id")
                .param("claim", claim)
                .query((rs, n) -> new Claimed(
                        rs.getLong("id"),
                        new WebhookEvent(
                                rs.getString("source"),
                                rs.getString("event_id"),
                                rs.getString("entity"),
                                rs.getString("record_id"),
                                rs.getString("operation"),
                                null,
                                null),
                        rs.getInt("attempts")))
                .list();
    }

    void done(Collection<Long> ids, Instant now, String note) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE webhook_inbox SET status = 'DONE', processed_at = :now, attempts = attempts + 1,"
                        + " last_error = :note, claimed_by = NULL, lease_until = NULL WHERE id IN (:ids)")
                .param("now", utc(now))
                .param("note", note)
                .param("ids", ids)
                .update();
    }

    /** Puts events back for a later try without counting an attempt (their flow was busy). */
    void postpone(Collection<Long> ids, Instant next) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE webhook_inbox SET status = 'PENDING', next_attempt_at = :next, claimed_by = NULL,"
                        + " lease_until = NULL WHERE id IN (:ids)")
                .param("next", utc(next))
                .param("ids", ids)
                .update();
    }

    /** Counts a failed attempt; the event is tried again at {@code next}, or given up after {@code maxAttempts}. */
    void failed(long id, String error, Instant next, int maxAttempts) {
        jdbc.sql("UPDATE webhook_inbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next,"
                        + " claimed_by = NULL, lease_until = NULL,"
                        + " status = CASE WHEN attempts + 1 >= :max THEN 'FAILED' ELSE 'PENDING' END WHERE id = :id")
                .param("error", error.length() > 4000 ? error.substring(0, 4000) : error)
                .param("next", utc(next))
                .param("max", maxAttempts)
                .param("id", id)
                .update();
    }

    /** Events by status, for the status API. */
    Map<String, Long> countByStatus() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("SELECT status, COUNT(*) FROM webhook_inbox GROUP BY status").query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** The statuses of events not yet done: what the inbox's gauges count. */
    static final List<String> NOT_DONE = List.of("PENDING", "PROCESSING", "FAILED");

    /** Events not yet done, by status; done ones are kept for days and not counted. */
    Map<String, Long> countNotDone() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("SELECT status, COUNT(*) FROM webhook_inbox WHERE status IN (:statuses) GROUP BY status")
                .param("statuses", NOT_DONE)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    Optional<Instant> oldestPending() {
        return jdbc.sql("SELECT MIN(received_at) FROM webhook_inbox WHERE status IN ('PENDING', 'PROCESSING')")
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant))
                .single();
    }

    /** Events given up after their last attempt, newest first. */
    List<FailedWebhookEvent> failed(int limit) {
        return jdbc.sql("SELECT id, source, event_id, entity, record_id, attempts, last_error, received_at"
                        + " FROM webhook_inbox WHERE status = 'FAILED' ORDER BY id DESC FETCH FIRST " + limit
                        + " ROWS ONLY")
                .query((rs, n) -> new FailedWebhookEvent(
                        rs.getLong("id"),
                        rs.getString("source"),
                        rs.getString("event_id"),
                        rs.getString("entity"),
                        rs.getString("record_id"),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Puts a failed event back in the queue, due now. */
    boolean retry(long id) {
        return jdbc.sql("UPDATE webhook_inbox SET status = 'PENDING', attempts = 0, next_attempt_at = NULL"
                                + " WHERE id = :id AND status = 'FAILED'")
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Removes processed events older than {@code before}; returns how many. */
    int purgeDone(Instant before) {
        return jdbc.sql("DELETE FROM webhook_inbox WHERE status = 'DONE' AND processed_at < :before")
                .param("before", utc(before))
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
