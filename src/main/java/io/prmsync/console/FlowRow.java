package io.prmsync.console;

import io.prmsync.admin.FlowStatus;
import io.prmsync.admin.RunProgress;
import java.time.Duration;
import java.time.Instant;

/**
 * One flow in one direction on the overview: its status, once it has run its latest run's progress, and its lag
 * worded for people (how far its reading is behind now; null before it has read anything).
 */
record FlowRow(FlowStatus status, RunProgress latest, String lag) {

    static FlowRow of(FlowStatus status, RunProgress latest, Instant now) {
        return new FlowRow(
                status, latest, status.readUpTo() == null ? null : describe(Duration.between(status.readUpTo(), now)));
    }

    /** Per cent done, when the run knows its total; null otherwise (the page then shows done and rate). */
    public Integer percent() {
        if (latest == null || latest.total() == null || latest.total() == 0) {
            return latest != null && latest.finishedAt() != null ? 100 : null;
        }
        return (int) Math.min(100, latest.done() * 100 / latest.total());
    }

    /** 42 s, 17 min, 5 h 3 min, 3 days. */
    static String describe(Duration lag) {
        long seconds = Math.max(0, lag.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        return seconds / 86400 + " days";
    }
}
