package io.prmsync.sync.outbound;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields of a planned write, held compactly: an ingest job keeps 25,000 of them until its results are in, and
 * as {@code LinkedHashMap}s they took about half a kilobyte each in entries and tables alone. The field names are
 * one array shared by every map that names the same fields in the same order (the writes of one mapping mostly
 * do); the values sit in one array beside it. Immutable, in the order given, null values allowed (a null clears
 * the field in Salesforce).
 */
final class PlannedFields extends AbstractMap<String, Object> {

    /**
     * Distinct name lists kept for sharing. Writes of one mapping send a handful of combinations; past this many a
     * map keeps its names to itself rather than letting the table grow.
     */
    static final int SHARED_NAME_LISTS = 1_024;

    private static final Map<List<String>, String[]> SHARED = new ConcurrentHashMap<>();

    private final String[] names;
    private final Object[] values;

    private PlannedFields(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    static Map<String, Object> copyOf(Map<String, ?> fields) {
        if (fields instanceof PlannedFields planned) {
            return planned;
        }
        String[] names = new String[fields.size()];
        Object[] values = new Object[fields.size()];
        int i = 0;
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            if (field.getKey() == null) {
                throw new IllegalArgumentException(
                        "A planned write names a field null; its fields: " + fields.keySet());
            }
            names[i] = field.getKey();
            values[i] = field.getValue();
            i++;
        }
        return new PlannedFields(shared(names), values);
    }

    private static String[] shared(String[] names) {
        List<String> key = Arrays.asList(names);
        String[] known = SHARED.get(key);
        if (known != null) {
            return known;
        }
        if (SHARED.size() >= SHARED_NAME_LISTS) {
            return names;
        }
        String[] first = SHARED.putIfAbsent(List.copyOf(key), names);
        return first == null ? names : first;
    }

    /** Whether the two maps hold one array of names between them, as maps naming the same fields in order do. */
    boolean sharesNamesWith(PlannedFields other) {
        return names == other.names;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public Object get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry = new SimpleImmutableEntry<>(names[next], values[next]);
                        next++;
                        return entry;
                    }
                };
            }
        };
    }
}
