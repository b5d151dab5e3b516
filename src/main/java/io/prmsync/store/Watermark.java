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
     * Where an incremental run reads from: rows a transaction stamped before it committed can become visible
     * behind the watermark, at most {@code overlap} before the last run's read horizon ({@code lastReadUntil}). A
     * flow whose watermark is older than that window reads from the watermark alone; with no horizon known, the
     * window is taken behind the watermark.
     */
    public Watermark withOverlap(java.util.Optional<Instant> lastReadUntil, java.time.Duration overlap) {
        if (equals(START) || overlap.isZero()) {
            return this;
        }
        Instant from = lastReadUntil.orElse(stamp).minus(overlap);
        if (!from.isBefore(stamp)) {
            return this;
        }
        return from.isAfter(Instant.EPOCH) ? new Watermark(from, "") : START;
    }
}
