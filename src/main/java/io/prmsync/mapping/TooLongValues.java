package io.prmsync.mapping;

import java.util.Map;

/**
 * What an outbound write does with a text longer than its Salesforce field holds ({@code too-long} on a field of
 * a mapping).
 */
public enum TooLongValues {
    /** Salesforce's answer: the record is refused (STRING_TOO_LONG) and becomes a dead letter. */
    DEAD_LETTER,
    /**
     * Cut to the field's length (Salesforce's describe says it), with a warning. Only for fields the PRM store
     * owns: a latest-wins field would come back cut and overwrite the PRM value.
     */
    TRUNCATE;

    static final Map<String, TooLongValues> BY_NAME = Map.of("dead-letter", DEAD_LETTER, "truncate", TRUNCATE);

    /** The text cut to at most {@code most} characters, never between the two halves of a surrogate pair. */
    public static String cut(String text, int most) {
        if (text.length() <= most) {
            return text;
        }
        int end = most > 0 && Character.isHighSurrogate(text.charAt(most - 1)) ? most - 1 : most;
        return text.substring(0, end);
    }
}
