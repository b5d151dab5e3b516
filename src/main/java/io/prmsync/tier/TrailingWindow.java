package io.prmsync.tier;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The days that count for a criterion: those after {@code today - length} up to and including today. The
 * start is exclusive so that a twelve-month window holds exactly twelve months of days, and a date in the
 * future (a mistyped close date, say) never counts.
 */
public record TrailingWindow(Period length) {

    static final TrailingWindow TWELVE_MONTHS = new TrailingWindow(Period.ofMonths(12));

    public TrailingWindow {
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a window must be a positive period, not " + length);
        }
    }

    public boolean contains(LocalDate date, LocalDate today) {
        return date.isAfter(today.minus(length)) && !date.isAfter(today);
    }

    /** "the last 12 months", "the last 1 year 6 months", "the last 90 days". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        addUnit(parts, length.getYears(), "year");
        addUnit(parts, length.getMonths(), "month");
        addUnit(parts, length.getDays(), "day");
        return "the last " + String.join(" ", parts);
    }

    private static void addUnit(List<String> parts, int amount, String unit) {
        if (amount != 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
