package io.prmsync.store;

import java.time.Instant;
import java.util.Map;

/** One row of a synced PRM table: its key, its mapped columns as read by JDBC, and its change stamps. */
public record PrmRow(String key, Map<String, Object> columns, Instant updatedAt, Instant deletedAt) {

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
