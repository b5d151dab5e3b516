package io.prmsync.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Watermarks are written in the caller's transaction, together with the rows they cover. A watermark only moves
 * forward: runs read an overlap window behind it again, and the pages of that window must not pull it back.
 */
@Repository
public class WatermarkRepository {

    private final JdbcClient jdbc;

    WatermarkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Watermark get(String flow, Direction direction) {
        return find(flow, direction).orElse(Watermark.START);
    }

    public Optional<Watermark> find(String flow, Direction direction) {
        return jdbc.sql("SELECT stamp, record_id FROM sync_watermark WHERE flow = :flow AND direction = :direction")
                .param("flow", flow)
                .param("direction", direction.name())
                .query((rs, n) -> new Watermark(
                        rs.getObject("stamp", OffsetDateTime.class).toInstant(), rs.getString("record_id")))
                .optional();
    }

    /**
     * How far each flow has read its source: the horizon its last incremental or full run read up to, or, before
     * one finished, the stamp of the last record it applied.
     */
    public Map<FlowDirection, Instant> readPositions() {
        Map<FlowDirection, Instant> positions = new HashMap<>();
        jdbc.sql("SELECT flow, direction, stamp, read_until FROM sync_watermark")
                .query(rs -> {
                    OffsetDateTime readUntil = rs.getObject("read_until", OffsetDateTime.class);
                    OffsetDateTime stamp = rs.getObject("stamp", OffsetDateTime.class);
                    positions.put(
                            new FlowDirection(rs.getString("flow"), Direction.valueOf(rs.getString("direction"))),
                            (readUntil != null ? readUntil : stamp).toInstant());
                });
        return positions;
    }

    /** How far the flow's last incremental run in that direction read, when one finished. */
    public Optional<Instant> readUntil(String flow, Direction direction) {
        return jdbc.sql("SELECT read_until FROM sync_watermark WHERE flow = :flow AND direction = :direction")
                .param("flow", flow)
                .param("direction", direction.name())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
                .optional()
                .flatMap(found -> found)
                .map(OffsetDateTime::toInstant);
    }

    /**
     * Records how far a finished run read; nothing when the flow has no watermark yet (its next run reads from
     * the start anyway).
     */
    public void readUntil(String flow, Direction direction, Instant horizon) {
        jdbc.sql("UPDATE sync_watermark SET read_until = :horizon WHERE flow = :flow AND direction = :direction")
                .param("horizon", horizon.atOffset(ZoneOffset.UTC))
                .param("flow", flow)
                .param("direction", direction.name())
                .update();
    }

    public void save(String flow, Direction direction, Watermark watermark, Instant now) {
        Optional<Watermark> current = find(flow, direction);
        if (current.isPresent() && !watermark.isAfter(current.get())) {
            return;
        }
        int updated = jdbc.sql("UPDATE sync_watermark SET stamp = :stamp, record_id = :id, updated_at = :now"
                        + " WHERE flow = :flow AND direction = :direction")
                .params(params(flow, direction, watermark, now))
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO sync_watermark (flow, direction, stamp, record_id, updated_at)"
                            + " VALUES (:flow, :direction, :stamp, :id, :now)")
                    .params(params(flow, direction, watermark, now))
                    .update();
        }
    }

    private static Map<String, Object> params(String flow, Direction direction, Watermark watermark, Instant now) {
        return java.util.Map.of(
                "flow",
                flow,
                "direction",
                direction.name(),
                "stamp",
                watermark.stamp().atOffset(ZoneOffset.UTC),
                "id",
                watermark.recordId(),
                "now",
                now.atOffset(ZoneOffset.UTC));
    }
}
