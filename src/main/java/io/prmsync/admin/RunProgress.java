package io.prmsync.admin;

import io.prmsync.store.SyncRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A run as the API shows it, with its rate and, when the total is known, the expected finish. */
public record RunProgress(
        String runId,
        String flow,
        String direction,
        String mode,
        String state,
        Instant startedAt,
        Instant finishedAt,
        long done,
        Long total,
        long changed,
        long failed,
        long apiCalls,
        double recordsPerSecond,
        Instant estimatedFinish,
        String message,
        String node) {

    /** How long the run took, or has taken so far; for the console's runs page. */
    public Duration duration(Instant now) {
        return Duration.between(startedAt, finishedAt != null ? finishedAt : now);
    }

    public static RunProgress of(SyncRun run, Instant now) {
        Instant end = run.finishedAt() != null ? run.finishedAt() : now;
        double seconds = Math.max(Duration.between(run.startedAt(), end).toMillis(), 1) / 1000.0;
        double rate = run.recordsDone() / seconds;
        Instant eta = run.finishedAt() == null && run.recordsTotal() != null && rate > 0
                ? now.plusMillis((long) ((run.recordsTotal() - run.recordsDone()) / rate * 1000))
                : null;
        return new RunProgress(
                run.runId(),
                run.flow(),
                run.direction().name().toLowerCase(Locale.ROOT),
                run.mode(),
                run.state(),
                run.startedAt(),
                run.finishedAt(),
                run.recordsDone(),
                run.recordsTotal(),
                run.recordsChanged(),
                run.recordsFailed(),
                run.apiCalls(),
                Math.round(rate * 10) / 10.0,
                eta,
                run.message(),
                run.node());
    }
}
