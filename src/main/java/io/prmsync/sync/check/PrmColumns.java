package io.prmsync.sync.check;

import java.util.OptionalInt;
import java.util.Set;

/** What the check needs to know about a PRM column: how long its texts may be, and which values it holds. */
public interface PrmColumns {

    /** The most characters the column holds, when the store says. */
    OptionalInt textLength(String table, String column);

    /** Distinct values the column holds, up to {@code limit} of them. */
    Set<String> values(String table, String column, int limit);
}
