package io.prmsync.engagement;

import java.util.Objects;

/**
 * One churn-risk signal as measured for a partner: {@code value} what was found, {@code threshold} where the
 * signal starts and where it is at full strength, {@code strength} in [0, 1], {@code contribution} = weight ×
 * strength risk points, {@code reason} one line for channel managers ("No concern: …" at zero strength).
 */
public record RiskSignal(
        String signal,
        String value,
        String threshold,
        double strength,
        int weight,
        double contribution,
        String reason) {

    public RiskSignal {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(reason, "reason");
        if (strength < 0 || strength > 1) {
            throw new IllegalArgumentException("strength must be within [0, 1], not " + strength);
        }
    }

    static RiskSignal of(String signal, String value, String threshold, double strength, int weight, String reason) {
        double rounded = Math.round(Math.min(1, Math.max(0, strength)) * 1000) / 1000.0;
        // A signal at rest would otherwise read "activity points fell from 0 to 25".
        String said = rounded > 0 ? reason : "No concern: " + value;
        return new RiskSignal(
                signal, value, threshold, rounded, weight, Math.round(rounded * weight * 100) / 100.0, said);
    }
}
