package io.prmsync.engagement;

import io.prmsync.tier.TrailingWindow;
import java.time.Period;

/** Small arithmetic shared by the risk signals. */
final class Strength {

    private Strength() {}

    /** 0 at or below {@code from}, 1 at or above {@code to}, linear between. */
    static double ramp(long value, long from, long to) {
        if (value <= from) {
            return 0;
        }
        return value >= to ? 1 : (double) (value - from) / (to - from);
    }

    /** "the last 90 days", "the last 12 months". */
    static String words(Period period) {
        return new TrailingWindow(period).describe();
    }

    /** "90 days", "12 months". */
    static String days(Period period) {
        return words(period).substring("the last ".length());
    }

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
