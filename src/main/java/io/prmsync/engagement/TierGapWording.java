package io.prmsync.engagement;

import io.prmsync.tier.CheckResult;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the tier engine's unmet criteria into what is left to do: "2 more new-customer wins for GOLD" when both
 * required and actual are counts, "customer satisfaction score 4.5 (now 4.2) for PLATINUM" otherwise.
 */
final class TierGapWording {

    private static final Pattern COUNT = Pattern.compile("(?:≥ )?(\\d+)");
    private static final Pattern WINDOW = Pattern.compile(" in the last .*$");

    private TierGapWording() {}

    static String sentence(CheckResult unmet, String tierCode) {
        return phrase(unmet) + " for " + tierCode;
    }

    private static String phrase(CheckResult result) {
        if (!result.parts().isEmpty()) {
            String joiner = result.criterion().equals("any of") ? " or " : " and ";
            return result.parts().stream()
                    .filter(part -> !part.met())
                    .map(TierGapWording::phrase)
                    .collect(Collectors.joining(joiner));
        }
        Optional<Long> required = count(result.required());
        Optional<Long> actual = count(result.actual());
        if (required.isPresent() && actual.isPresent() && required.get() > actual.get()) {
            return (required.get() - actual.get()) + " more "
                    + WINDOW.matcher(result.criterion()).replaceFirst("");
        }
        return result.criterion() + " " + result.required().replace("≥ ", "") + " (now " + result.actual() + ")";
    }

    private static Optional<Long> count(String text) {
        Matcher matcher = COUNT.matcher(text);
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }
}
