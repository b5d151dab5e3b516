package io.prmsync.console;

import io.prmsync.admin.FlowStatus;
import io.prmsync.admin.RunProgress;

/** One flow in one direction on the overview: its status and, once it has run, its latest run's progress. */
record FlowRow(FlowStatus status, RunProgress latest) {

    /** Per cent done, when the run knows its total; null otherwise (the page then shows done and rate). */
    public Integer percent() {
        if (latest == null || latest.total() == null || latest.total() == 0) {
            return latest != null && latest.finishedAt() != null ? 100 : null;
        }
        return (int) Math.min(100, latest.done() * 100 / latest.total());
    }
}
