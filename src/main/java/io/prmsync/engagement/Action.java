package io.prmsync.engagement;

import java.util.Objects;

/**
 * One next-best action: {@code text} a plain sentence with its values, {@code source} the risk signal or tier gap
 * it comes from, {@code weight} how much risk (or tier progress) it addresses, which orders the list.
 */
public record Action(String text, String source, double weight) {

    public Action {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }
}
