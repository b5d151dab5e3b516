package io.prmsync.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** When each flow last swept for deletions, and the Salesforce ids a sweep in progress has seen. */
@Repository
public class SweepRepository {

    private final NamedParameterJdbcTemplate jdbc;

    SweepRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instant> lastSwept(String flow) {
        return jdbc
                .query(
                        "SELECT swept_at FROM sync_sweep WHERE flow = :flow",
                        new MapSqlParameterSource("flow", flow),
                        (rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .stream()
                .findFirst();
    }

    /** Records a sweep that started at {@code at}: deletions before then have been found. */
    public void swept(String flow, Instant at) {
        MapSqlParameterSource params =
                new MapSqlParameterSource("flow", flow).addValue("at", at.atOffset(ZoneOffset.UTC));
        if (jdbc.update("UPDATE sync_sweep SET swept_at = :at WHERE flow = :flow", params) == 0) {
            jdbc.update("INSERT INTO sync_sweep (flow, swept_at) VALUES (:flow, :at)", params);
        }
    }

    /** Adds a page of ids Salesforce holds for the flow. */
    public void seen(String flow, List<String> sfIds) {
        jdbc.batchUpdate(
                "INSERT INTO sync_sweep_live_id (flow, sf_id) VALUES (:flow, :id)",
                sfIds.stream()
                        .<SqlParameterSource>map(id -> new MapSqlParameterSource("flow", flow).addValue("id", id))
                        .toArray(SqlParameterSource[]::new));
    }

    /** Forgets the ids a sweep saw: before a sweep (one that died part way left some) and after it. */
    public void forgetSeen(String flow) {
        jdbc.update("DELETE FROM sync_sweep_live_id WHERE flow = :flow", new MapSqlParameterSource("flow", flow));
    }
}
