package io.prmsync.engagement;

import io.prmsync.tier.TrailingWindow;
import io.prmsync.yaml.YamlNode;
import java.math.BigDecimal;
import java.time.Period;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the typed values of engagement-rules.yaml, recording a problem with the node's line and key. */
final class RuleValues {

    static final Pattern KIND = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private RuleValues() {}

    static Optional<Integer> count(YamlNode node) {
        return node.integer().filter(value -> {
            if (value < 0) {
                node.problem("must be ≥ 0, not " + value);
            }
            return value >= 0;
        });
    }

    static Optional<Integer> between(YamlNode node, int min, int max) {
        return node.integer().filter(value -> {
            boolean inRange = value >= min && value <= max;
            if (!inRange) {
                node.problem("must be between " + min + " and " + max + ", not " + value);
            }
            return inRange;
        });
    }

    static Optional<Period> positivePeriod(YamlNode node) {
        return node.period().filter(period -> {
            boolean positive = !period.isNegative() && !period.isZero();
            if (!positive) {
                node.problem("must be a positive period such as P12M or P90D, not '" + period + "'");
            }
            return positive;
        });
    }

    static Optional<TrailingWindow> window(YamlNode node) {
        return positivePeriod(node).map(TrailingWindow::new);
    }

    /** A window that may be left out, meaning "ever"; empty outer when it is given but wrong. */
    static Optional<Optional<TrailingWindow>> optionalWindow(YamlNode node) {
        if (!node.isPresent()) {
            return Optional.of(Optional.empty());
        }
        return window(node).map(Optional::of);
    }

    /** A share or strength: more than 0 and at most 1. */
    static Optional<BigDecimal> share(YamlNode node) {
        return node.decimal().filter(value -> {
            boolean inRange = value.signum() > 0 && value.compareTo(BigDecimal.ONE) <= 0;
            if (!inRange) {
                node.problem("must be more than 0 and at most 1, not " + value.toPlainString());
            }
            return inRange;
        });
    }

    /** A share that may be 0 (a strength that switches a case off). */
    static Optional<BigDecimal> shareOrZero(YamlNode node) {
        return node.decimal().filter(value -> {
            boolean inRange = value.signum() >= 0 && value.compareTo(BigDecimal.ONE) <= 0;
            if (!inRange) {
                node.problem("must be between 0 and 1, not " + value.toPlainString());
            }
            return inRange;
        });
    }

    static Optional<BigDecimal> positiveAmount(YamlNode node) {
        return node.decimal().filter(value -> {
            if (value.signum() <= 0) {
                node.problem("must be more than 0, not " + value.toPlainString());
            }
            return value.signum() > 0;
        });
    }

    static Optional<String> kind(YamlNode node, String text) {
        if (!KIND.matcher(text).matches()) {
            node.problem(
                    "must be an activity kind in lower case words joined by '-', such as co-sell, not '" + text + "'");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    static Optional<String> nonEmpty(YamlNode node) {
        Optional<String> text = node.text().map(String::strip);
        if (text.isPresent() && text.get().isEmpty()) {
            node.problem("must not be empty");
            return Optional.empty();
        }
        return text;
    }
}
