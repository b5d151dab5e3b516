package io.prmsync.engagement;

import java.util.Comparator;
import java.util.List;

/**
 * A partner's churn risk: the sum of every signal's weight × strength, rounded and capped at 100. Every signal is
 * listed with its value, strength and contribution; {@code topReasons} are the reasons of the signals that
 * contribute, largest contribution first (rules order on ties), at most three.
 */
public record ChurnRisk(int score, boolean atRisk, List<RiskSignal> signals, List<String> topReasons) {

    static final int TOP_REASONS = 3;

    public ChurnRisk {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("risk must be within 0..100, not " + score);
        }
        signals = List.copyOf(signals);
        topReasons = List.copyOf(topReasons);
    }

    static ChurnRisk of(EngagementRules rules, RiskInputs inputs) {
        List<RiskSignal> signals =
                rules.risk().stream().map(rule -> rule.measure(inputs)).toList();
        double sum = signals.stream().mapToDouble(RiskSignal::contribution).sum();
        int score = (int) Math.min(100, Math.round(sum));
        return new ChurnRisk(score, score >= rules.atRisk(), signals, topReasons(signals));
    }

    static List<RiskSignal> contributing(List<RiskSignal> signals) {
        return signals.stream()
                .filter(signal -> signal.contribution() > 0)
                .sorted(Comparator.comparingDouble(RiskSignal::contribution).reversed())
                .toList();
    }

    private static List<String> topReasons(List<RiskSignal> signals) {
        return contributing(signals).stream()
                .limit(TOP_REASONS)
                .map(RiskSignal::reason)
                .toList();
    }
}
