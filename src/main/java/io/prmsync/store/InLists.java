package io.prmsync.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Splits a key list for {@code IN (:keys)} lookups into lists of the size the store handles best. H2 finds the rows
 * through the index, then checks every row it found against the whole parameter list, one value after another, so
 * a lookup of n keys costs n squared: 100,000 keys took 0.9 s in lists of 1,000 and 0.2 s in lists of 100 (lists
 * of 50 or 25 were no faster). PostgreSQL has no such cost, and there every list is a round trip: lists of 100
 * made the benchmark's inbound flows about a third slower than lists of 1,000.
 */
@Component
public class InLists {

    static final int H2_KEYS = 100;
    static final int KEYS = 1_000;

    private final int maxKeys;

    @Autowired
    InLists(StoreKind store) {
        this(store.isH2() ? H2_KEYS : KEYS);
    }

    public InLists(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("a key list holds at least one key, not " + maxKeys);
        }
        this.maxKeys = maxKeys;
    }

    public <T> List<List<T>> of(Collection<T> keys) {
        List<T> all = List.copyOf(keys);
        List<List<T>> lists = new ArrayList<>();
        for (int from = 0; from < all.size(); from += maxKeys) {
            lists.add(all.subList(from, Math.min(all.size(), from + maxKeys)));
        }
        return lists;
    }
}
