package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Open query cursors. A query's result set is fixed when it runs, so writes made while a client pages through it
 * do not shift rows between pages, as with a real query locator. As in Salesforce, a user holds at most
 * {@value #MAX_OPEN} open cursors: opening another releases the oldest (its next page is INVALID_QUERY_LOCATOR),
 * a cursor read to its last page is closed, and one left idle for {@value #IDLE_MINUTES} minutes expires.
 */
final class QueryCursors {

    static final int MAX_OPEN = 10;
    static final int IDLE_MINUTES = 15;

    record Cursor(
            String id,
            List<ObjectNode> records,
            int pageSize,
            java.util.concurrent.atomic.AtomicReference<java.time.Instant> lastUsed) {}

    record Page(List<ObjectNode> records, int totalSize, String nextLocator) {}

    private final SalesforceIds ids = new SalesforceIds();
    private final java.util.function.Supplier<java.time.Instant> clock;
    private final Map<String, Cursor> open = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > MAX_OPEN;
        }
    };

    QueryCursors(java.util.function.Supplier<java.time.Instant> clock) {
        this.clock = clock;
    }

    /** The first page; a cursor is kept only when more pages follow. */
    Page first(List<ObjectNode> records, int pageSize) {
        if (records.size() <= pageSize) {
            return new Page(records, records.size(), null);
        }
        Cursor cursor = new Cursor(
                ids.next("01g"), records, pageSize, new java.util.concurrent.atomic.AtomicReference<>(clock.get()));
        synchronized (open) {
            open.put(cursor.id(), cursor);
        }
        return page(cursor, 0);
    }

    /** @param locator {@code <cursor id>-<offset>} as it appears at the end of nextRecordsUrl */
    Optional<Page> next(String locator) {
        int dash = locator.lastIndexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        Cursor cursor;
        synchronized (open) {
            cursor = open.get(locator.substring(0, dash));
        }
        try {
            int offset = Integer.parseInt(locator.substring(dash + 1));
            if (cursor == null || offset < 0 || offset >= cursor.records().size()) {
                return Optional.empty();
            }
            java.time.Instant now = clock.get();
            if (cursor.lastUsed()
                    .get()
                    .plus(java.time.Duration.ofMinutes(IDLE_MINUTES))
                    .isBefore(now)) {
                synchronized (open) {
                    open.remove(cursor.id());
                }
                return Optional.empty();
            }
            cursor.lastUsed().set(now);
            Page page = page(cursor, offset);
            if (page.nextLocator() == null) {
                synchronized (open) {
                    open.remove(cursor.id());
                }
            }
            return Optional.of(page);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Page page(Cursor cursor, int offset) {
        int end = Math.min(cursor.records().size(), offset + cursor.pageSize());
        String next = end < cursor.records().size() ? cursor.id() + "-" + end : null;
        return new Page(cursor.records().subList(offset, end), cursor.records().size(), next);
    }
}
