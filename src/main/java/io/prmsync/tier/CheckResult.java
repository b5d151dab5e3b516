package io.prmsync.tier;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one criterion or group, worded for people: {@code criterion} says what was measured,
 * {@code required} and {@code actual} are ready to show side by side. A group lists its members in
 * {@code parts}; a single criterion has none. The shape is fixed so callers can serialise it as it is.
 */
public record CheckResult(String criterion, String required, String actual, boolean met, List<CheckResult> parts) {

    /** The criterion of a group met when every part is. */
    public static final String ALL_OF = "all of";
    /** The criterion of a group met when one part is. */
    public static final String ANY_OF = "any of";

    public CheckResult {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(required, "required");
        Objects.requireNonNull(actual, "actual");
        parts = List.copyOf(parts);
    }

    static CheckResult single(String criterion, String required, String actual, boolean met) {
        return new CheckResult(criterion, required, actual, met, List.of());
    }

    /** The members that were not met, for summaries that name what is missing. */
    List<CheckResult> unmetParts() {
        return parts.stream().filter(part -> !part.met()).toList();
    }
}
