package io.prmsync.tier;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Objects;

/** When a partner whose grace period has run out actually loses its tier. */
public sealed interface Maintenance {

    /** The first day on which a partner whose grace ends on {@code graceUntil} may be dropped. */
    LocalDate dropFrom(LocalDate graceUntil);

    /** As soon as the grace period is over. */
    record Continuous() implements Maintenance {
        @Override
        public LocalDate dropFrom(LocalDate graceUntil) {
            return graceUntil;
        }
    }

    /**
     * Tiers are kept for the whole program year: a partner whose grace is over drops at the next start of a
     * program year (the day after the program year ends), or on the grace's last day if that is one.
     */
    record ProgramYearEnd(MonthDay programYearStart) implements Maintenance {
        public ProgramYearEnd {
            Objects.requireNonNull(programYearStart, "programYearStart");
        }

        @Override
        public LocalDate dropFrom(LocalDate graceUntil) {
            // MonthDay.atYear turns --02-29 into 28 February in years that have no 29th.
            LocalDate sameYear = programYearStart.atYear(graceUntil.getYear());
            return sameYear.isBefore(graceUntil) ? programYearStart.atYear(graceUntil.getYear() + 1) : sameYear;
        }
    }
}
