package io.prmsync.tier;

import java.time.LocalDate;

/** When a partner that qualifies for a higher tier actually moves up. */
public enum PromotionCadence {

    /** At the first evaluation that finds the partner qualifies. */
    IMMEDIATE {
        @Override
        public LocalDate effectiveFrom(LocalDate day) {
            return day;
        }
    },

    /**
     * Only during the first month of a calendar quarter (January, April, July, October). A window rather than
     * the quarter's first day, so a missed or failed nightly run does not cost a partner a whole quarter;
     * the partner must still qualify on the day the promotion takes effect.
     */
    QUARTERLY {
        @Override
        public LocalDate effectiveFrom(LocalDate day) {
            int monthInQuarter = (day.getMonthValue() - 1) % 3;
            return monthInQuarter == 0 ? day : day.withDayOfMonth(1).plusMonths(3 - monthInQuarter);
        }
    };

    /** The first day on or after {@code day} on which a promotion may take effect. */
    public abstract LocalDate effectiveFrom(LocalDate day);

    public boolean takesEffectOn(LocalDate day) {
        return effectiveFrom(day).equals(day);
    }
}
