package io.prmsync.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** When each flow last re-read all its records for the fields its mapping rechecks. */
@Repository
public class RecheckRepository {

    private final NamedParameterJdbcTemplate jdbc;

    RecheckRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instant> lastRechecked(String flow) {
        return jdbc
                .query(
                        "SELECT rechecked_at FROM sync_recheck WHERE flow = :flow",
                        new MapSqlParameterSource("flow", flow),
                        (rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .stream()
                .findFirst();
    }

    /** Records a re-read that started at {@code at}: values calculated before then have been read. */
    public void rechecked(String flow, Instant at) {
        MapSqlParameterSource params =
                new MapSqlParameterSource("flow", flow).addValue("at", at.atOffset(ZoneOffset.UTC));
        if (jdbc.update("UPDATE sync_recheck SET rechecked_at = :at WHERE flow = :flow", params) == 0) {
            try {
                jdbc.update("INSERT INTO sync_recheck (flow, rechecked_at) VALUES (:flow, :at)", params);
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                jdbc.update("UPDATE sync_recheck SET rechecked_at = :at WHERE flow = :flow", params);
            }
        }
    }
}
