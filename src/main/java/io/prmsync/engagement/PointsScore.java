package io.prmsync.engagement;

import io.prmsync.engagement.EngagementRules.Cap;
import io.prmsync.engagement.EngagementRules.PointsRule;
import io.prmsync.tier.TrailingWindow;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The points that count on one day: ledger entries within the caps, earned within {@code points-expire-after}
 * before it. An entry counts from its earned day through the day before the same date one expiry period later
 * ({@link TrailingWindow}: the start is exclusive), so P12M points earned on 2025-01-10 count through 2026-01-09.
 *
 * <p>Caps are applied in earned order over the whole ledger: an entry is capped when {@code max} entries of its
 * kind already count within the {@code per} before it (a rolling window, its own day included). Capping does not
 * depend on the day asked about, so an entry never moves in or out of its cap as time passes.
 */
public record PointsScore(
        LocalDate on, int total, Map<String, Integer> byKind, List<LedgerEntry> counted, List<LedgerEntry> capped) {

    public PointsScore {
        Objects.requireNonNull(on, "on");
        byKind = Map.copyOf(byKind);
        counted = List.copyOf(counted);
        capped = List.copyOf(capped);
    }

    public static PointsScore on(List<LedgerEntry> ledger, EngagementRules rules, LocalDate today) {
        TrailingWindow window = new TrailingWindow(rules.pointsExpireAfter());
        List<LedgerEntry> withinCaps = withinCaps(ledger, rules);
        Set<LedgerEntry> kept = new HashSet<>(withinCaps);
        List<LedgerEntry> capped = ledger.stream()
                .filter(entry -> !kept.contains(entry))
                .sorted(LedgerEntry.EARNED_ORDER)
                .toList();
        List<LedgerEntry> counted = withinCaps.stream()
                .filter(entry -> window.contains(entry.earnedOn(), today))
                .toList();
        Map<String, Integer> byKind = new TreeMap<>();
        counted.forEach(entry -> byKind.merge(entry.kind(), entry.points(), Integer::sum));
        int total = counted.stream().mapToInt(LedgerEntry::points).sum();
        return new PointsScore(today, total, byKind, counted, capped);
    }

    /** The entries that are not capped, in earned order. */
    public static List<LedgerEntry> withinCaps(List<LedgerEntry> ledger, EngagementRules rules) {
        Map<String, Deque<LocalDate>> countedByKind = new HashMap<>();
        List<LedgerEntry> result = new ArrayList<>();
        for (LedgerEntry entry :
                ledger.stream().sorted(LedgerEntry.EARNED_ORDER).toList()) {
            Optional<Cap> cap = rules.pointsFor(entry.kind()).flatMap(PointsRule::cap);
            if (cap.isEmpty()) {
                result.add(entry);
                continue;
            }
            Deque<LocalDate> recent = countedByKind.computeIfAbsent(entry.kind(), kind -> new ArrayDeque<>());
            LocalDate windowStart = entry.earnedOn().minus(cap.get().per());
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
                recent.removeFirst();
            }
            if (recent.size() < cap.get().max()) {
                recent.addLast(entry.earnedOn());
                result.add(entry);
            }
        }
        return result;
    }

    /** Points of entries within the caps earned after {@code from} up to and including {@code to}. */
    public static int earnedBetween(List<LedgerEntry> withinCaps, LocalDate from, LocalDate to) {
        return withinCaps.stream()
                .filter(entry ->
                        entry.earnedOn().isAfter(from) && !entry.earnedOn().isAfter(to))
                .mapToInt(LedgerEntry::points)
                .sum();
    }
}
