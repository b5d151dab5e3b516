package io.prmsync.cluster;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one row a cluster table keeps per flow or task, inserted by whichever node needs it first. */
final class RowsInsertedOnce {

    private RowsInsertedOnce() {}

    /**
     * Inserts the row whose {@code keyColumn} is {@code key} unless it is there; another node inserting it at the
     * same moment is no failure.
     *
     * @param insert the INSERT, naming the key as {@code :key}
     */
    static void ensure(JdbcClient jdbc, String table, String keyColumn, String key, String insert) {
        boolean there = jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + keyColumn + " = :key")
                        .param("key", key)
                        .query(Long.class)
                        .single()
                > 0;
        if (!there) {
            try {
                jdbc.sql(insert).param("key", key).update();
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                // The row is there: what was wanted.
            }
        }
    }
}
