package io.prmsync.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code change_event_position} table: per Change Data Capture channel, the replay id of the last event whose
 * records are safe in the inbox, and whether a gap waits to be healed by polling. Written in the caller's
 * transaction.
 */
@Repository
public class ChangeEventPositions {

    /**
     * @param replayId the base64 replay id to resume after, empty before the first event
     * @param lastEventAt when Salesforce committed the change of that event
     * @param healAfter a gap seen then waits for the channel's flows to poll past it
     */
    public record Position(
            String channel, Optional<String> replayId, Optional<Instant> lastEventAt, Optional<Instant> healAfter) {}

    private final JdbcClient jdbc;

    ChangeEventPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Position> find(String channel) {
        return jdbc.sql("SELECT channel, replay_id, last_event_at, heal_after FROM change_event_position"
                        + " WHERE channel = :channel")
                .param("channel", channel)
                .query((rs, n) -> new Position(
                        rs.getString("channel"),
                        Optional.ofNullable(rs.getString("replay_id")),
                        instant(rs.getObject("last_event_at", OffsetDateTime.class)),
                        instant(rs.getObject("heal_after", OffsetDateTime.class))))
                .optional();
    }

    /**
     * Makes the channel's row, if it has none, outside any transaction of the caller's: the updates below then never
     * meet a duplicate key (which would end a PostgreSQL transaction) when nodes start a channel together.
     */
    public void ensure(String channel, Instant now) {
        if (find(channel).isPresent()) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO change_event_position (channel, stored_at) VALUES (:channel, :now)")
                    .param("channel", channel)
                    .param("now", utc(now))
                    .update();
        } catch (DuplicateKeyException raced) {
            // Another node made it meanwhile.
        }
    }

    /** The channel has been read up to this event. */
    public void advance(String channel, String replayId, Instant eventAt, Instant now) {
        requireRow(
                jdbc.sql("UPDATE change_event_position SET replay_id = :replayId, last_event_at = :eventAt,"
                                + " stored_at = :now WHERE channel = :channel")
                        .param("replayId", replayId)
                        .param("eventAt", utc(eventAt))
                        .param("now", utc(now))
                        .param("channel", channel)
                        .update(),
                channel);
    }

    /**
     * Marks a gap. One poll from the watermark that reads past the latest mark heals every gap before it too, so a
     * later gap moves the mark forward and an earlier one leaves it.
     */
    public void requestHeal(String channel, Instant gapAt, Instant now) {
        jdbc.sql("UPDATE change_event_position SET heal_after = :gapAt, stored_at = :now"
                        + " WHERE channel = :channel AND (heal_after IS NULL OR heal_after < :gapAt)")
                .param("gapAt", utc(gapAt))
                .param("now", utc(now))
                .param("channel", channel)
                .update();
        if (find(channel).isEmpty()) {
            throw new IllegalStateException("No position row for change event channel " + channel);
        }
    }

    /** Clears the gap mark, unless a later gap moved it meanwhile (that one still waits). */
    public void healed(String channel, Instant gapAt) {
        jdbc.sql("UPDATE change_event_position SET heal_after = NULL WHERE channel = :channel AND heal_after = :gapAt")
                .param("channel", channel)
                .param("gapAt", utc(gapAt))
                .update();
    }

    /** Forgets where the channel was: the next subscription starts from the newest event. */
    public void forgetReplayId(String channel) {
        jdbc.sql("UPDATE change_event_position SET replay_id = NULL WHERE channel = :channel")
                .param("channel", channel)
                .update();
    }

    private static void requireRow(int updated, String channel) {
        if (updated == 0) {
            throw new IllegalStateException("No position row for change event channel " + channel);
        }
    }

    private static Optional<Instant> instant(OffsetDateTime value) {
        return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
