package io.prmsync.sync;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The partners whose tier a run's records changed, for the run that carries them to Salesforce next: named, it
 * sends exactly those rows at once, whatever their stamps (the settle lag would hold back a row the evaluation
 * stamped a moment ago). Past {@link #NAMED_AT_MOST} partners only the fact is kept, and the follow-up reads
 * changes the usual way.
 *
 * @param partnerIds the partners, when known
 * @param tooManyToName more partners changed than are named
 */
public record TierChanges(List<String> partnerIds, boolean tooManyToName) {

    public static final int NAMED_AT_MOST = 2_000;

    public TierChanges {
        partnerIds = List.copyOf(partnerIds);
    }

    public static TierChanges none() {
        return new TierChanges(List.of(), false);
    }

    public static TierChanges of(List<String> partnerIds) {
        return none().and(new TierChanges(partnerIds, false));
    }

    public boolean isEmpty() {
        return partnerIds.isEmpty() && !tooManyToName;
    }

    /** Both sets of changes, named while there are few enough. */
    public TierChanges and(TierChanges more) {
        if (tooManyToName || more.tooManyToName) {
            return new TierChanges(List.of(), true);
        }
        Set<String> all = new LinkedHashSet<>(partnerIds);
        all.addAll(more.partnerIds);
        return all.size() > NAMED_AT_MOST ? new TierChanges(List.of(), true) : new TierChanges(List.copyOf(all), false);
    }
}
