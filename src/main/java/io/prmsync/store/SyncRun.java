package io.prmsync.store;

import java.time.Instant;

/**
 * One run of one flow, as recorded for status and progress.
 *
 * @param node the node that ran it ({@code prm-sync.node-id})
 */
public record SyncRun(
        String runId,
        String flow,
        Direction direction,
        String mode,
        String state,
        Instant startedAt,
        Instant finishedAt,
        long recordsDone,
        Long recordsTotal,
        long recordsChanged,
        long recordsFailed,
        long apiCalls,
        String message,
        String node) {}
