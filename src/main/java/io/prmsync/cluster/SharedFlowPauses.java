package io.prmsync.cluster;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Throttle pauses every node on the store obeys: {@code REQUEST_LIMIT_EXCEEDED} on one node pauses the flow on all
 * of them. Each node reads them again at most every {@code prm-sync.cluster.shared-state-refresh}; the node that
 * paused or resumed a flow knows at once.
 */
@Component
public class SharedFlowPauses {

    /** A flow paused until a time, why, and by which node. */
    public record Pause(Instant until, String reason, String node) {}

    private record Read(Optional<Pause> pause, Instant at) {}

    private final JdbcClient jdbc;
    private final NodeIdentity node;
    private final ClusterProperties properties;
    private final Clock clock;
    private final Map<String, Read> cache = new ConcurrentHashMap<>();

    SharedFlowPauses(JdbcClient jdbc, NodeIdentity node, ClusterProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.node = node;
        this.properties = properties;
        this.clock = clock;
    }

    public Pause pause(String flow, Instant until, String reason) {
        Pause pause = new Pause(until, reason, node.id());
        int updated = jdbc.sql("UPDATE flow_pause SET paused_until = :until, reason = :reason, paused_by = :node"
                        + " WHERE flow = :flow")
                .param("until", at(until))
                .param("reason", clip(reason))
                .param("node", node.id())
                .param("flow", flow)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO flow_pause (flow, paused_until, reason, paused_by)"
                                + " VALUES (:flow, :until, :reason, :node)")
                        .param("flow", flow)
                        .param("until", at(until))
                        .param("reason", clip(reason))
                        .param("node", node.id())
                        .update();
            } catch (org.springframework.dao.DuplicateKeyException anotherNodePausedItToo) {
                // Paused already, by the node that was refused at the same moment.
            }
        }
        cache.put(flow, new Read(Optional.of(pause), clock.instant()));
        return pause;
    }

    public void lift(String flow) {
        jdbc.sql("DELETE FROM flow_pause WHERE flow = :flow")
                .param("flow", flow)
                .update();
        cache.put(flow, new Read(Optional.empty(), clock.instant()));
    }

    /** The flow's pause if it still lasts. */
    public Optional<Pause> current(String flow) {
        Instant now = clock.instant();
        Read read = cache.get(flow);
        if (read == null || !read.at().plus(properties.sharedStateRefresh()).isAfter(now)) {
            read = new Read(
                    jdbc.sql("SELECT paused_until, reason, paused_by FROM flow_pause WHERE flow = :flow")
                            .param("flow", flow)
                            .query((rs, n) -> new Pause(
                                    rs.getObject("paused_until", OffsetDateTime.class)
                                            .toInstant(),
                                    rs.getString("reason"),
                                    rs.getString("paused_by")))
                            .optional(),
                    now);
            cache.put(flow, read);
        }
        return read.pause().filter(pause -> pause.until().isAfter(now));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String clip(String reason) {
        return reason.length() <= 4000 ? reason : reason.substring(0, 3997) + "...";
    }
}
