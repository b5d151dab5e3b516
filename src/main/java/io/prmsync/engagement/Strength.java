package io.prmsync.engagement;

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

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
