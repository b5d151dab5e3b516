package io.prmsync.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Splits a key list for {@code IN (:keys)} lookups. H2 checks every row it finds against the whole parameter
 * list, so one lookup of n keys costs n squared; lists of a thousand keep that small on both stores.
 */
public final class InLists {

    static final int MAX_KEYS = 1_000;

    private InLists() {}

    public static <T> List<List<T>> of(Collection<T> keys) {
        List<T> all = List.copyOf(keys);
        List<List<T>> lists = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_KEYS) {
            lists.add(all.subList(from, Math.min(all.size(), from + MAX_KEYS)));
        }
        return lists;
    }
}
