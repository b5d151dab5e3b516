package io.prmsync.store;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Fields both sides changed since the last sync, with both values and which one won. */
@Repository
public class ConflictRepository {

    private final JdbcClient jdbc;

    ConflictRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String entity, String prmKey, String field, Object salesforceValue, Object prmValue,
            String winner, Instant now) {
        jdbc.sql("INSERT INTO sync_conflict (entity, prm_key, field, salesforce_value, prm_value, winner, detected_at)"
                        + " VALUES (:entity, :key, :field, :sf, :prm, :winner, :now)")
                .param("entity", entity).param("key", prmKey).param("field", field)
                .param("sf", salesforceValue == null ? null : salesforceValue.toString())
                .param("prm", prmValue == null ? null : prmValue.toString())
                .param("winner", winner).param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }
}
