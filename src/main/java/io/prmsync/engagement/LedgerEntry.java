package io.prmsync.engagement;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * Points one source record earns under one rule. {@code source} is the entry's identity
 * ({@code certification:<id>}, {@code deal:<id>:registered}, {@code deal:<id>:approved}, {@code deal:<id>:won},
 * {@code activity:<id>}): the store keeps at most one entry per source.
 */
public record LedgerEntry(String source, String kind, int points, LocalDate earnedOn) {

    /** Earned order: by day, then by source so entries of one day always come in the same order. */
    public static final Comparator<LedgerEntry> EARNED_ORDER =
            Comparator.comparing(LedgerEntry::earnedOn).thenComparing(LedgerEntry::source);

    public LedgerEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(earnedOn, "earnedOn");
    }
}
