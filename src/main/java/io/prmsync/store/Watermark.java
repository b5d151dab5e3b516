package io.prmsync.store;

import java.time.Instant;

/**
 * Position of a flow in its source: the stamp and id of the last record applied. Reading resumes strictly
 * after it in (stamp, id) order, so records sharing a stamp across a page boundary are neither lost nor re-read.
 */
public record Watermark(Instant stamp, String recordId) {

    public static final Watermark START = new Watermark(Instant.EPOCH, "");

    /** Strictly later in (stamp, id) order. */
    public boolean isAfter(Watermark other) {
        int byStamp = stamp.compareTo(other.stamp);
        return byStamp > 0 || (byStamp == 0 && recordId.compareTo(other.recordId) > 0);
    }

    /**
     * Where a run reads from to see again what changed in the last {@code overlap}: transactions that commit
     * after they stamp their rows may have become visible behind this watermark. From the start stays there.
     */
    public Watermark behindBy(java.time.Duration overlap) {
        if (equals(START) || overlap.isZero()) {
            return this;
        }
        Instant from = stamp.minus(overlap);
        return from.isAfter(Instant.EPOCH) ? new Watermark(from, "") : START;
    }
}
