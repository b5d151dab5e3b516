package io.prmsync.store;

import java.time.Instant;

/**
 * Position of a flow in its source: the stamp and id of the last record applied. Reading resumes strictly
 * after it in (stamp, id) order, so records sharing a stamp across a page boundary are neither lost nor re-read.
 */
public record Watermark(Instant stamp, String recordId) {

    public static final Watermark START = new Watermark(Instant.EPOCH, "");
}
