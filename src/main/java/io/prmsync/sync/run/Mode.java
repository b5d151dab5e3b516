package io.prmsync.sync.run;

import java.util.Locale;

/** What a run reads. */
public enum Mode {
    /** What changed since the watermark. */
    INCREMENTAL,
    /** Everything, from the start; the watermark ends where an incremental run would. */
    FULL,
    /** Only the named records (a webhook's), whatever their stamps; the watermark stays. */
    RECORDS;

    public static Mode parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be 'incremental' or 'full', not '" + text + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
