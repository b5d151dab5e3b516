package io.prmsync.admin;

import io.prmsync.store.Direction;
import io.prmsync.store.SyncRunRepository;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.Mode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Starts a flow's runs on demand and reports their progress, for the admin API and the console alike. */
@Service
public class FlowRuns {

    private final SyncLauncher launcher;
    private final SyncRunRepository runs;
    private final Clock clock;

    FlowRuns(SyncLauncher launcher, SyncRunRepository runs, Clock clock) {
        this.launcher = launcher;
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * Starts the flow in one direction ({@code inbound}, {@code outbound}) or each it has ({@code both}). Every
     * direction is checked before either starts, so a refusal starts nothing.
     *
     * @return the ids of the runs started, in the order they run
     * @throws IllegalArgumentException the direction is unknown or the flow has no route in it
     * @throws IllegalStateException (from the launcher) the flow is busy, stopped or the service is stopping
     */
    public List<String> start(String flow, Mode mode, String direction) {
        List<Direction> chosen = directions(direction).stream()
                .filter(each -> !direction.equalsIgnoreCase("both") || launcher.runs(flow, each))
                .toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("Flow " + flow + " has no route files, so nothing can run");
        }
        chosen.forEach(each -> launcher.checkCanStart(flow, each));
        List<String> ids = new ArrayList<>();
        for (Direction each : chosen) {
            ids.add(launcher.launch(flow, each, mode));
        }
        return ids;
    }

    /** A run's progress; empty until the run has started. */
    public Optional<RunProgress> progress(String runId) {
        return runs.find(runId).map(run -> RunProgress.of(run, clock.instant()));
    }

    /** The latest run of the flow in that direction, with its progress; empty before its first. */
    public Optional<RunProgress> latest(String flow, Direction direction) {
        return runs.latest(flow, direction).map(run -> RunProgress.of(run, clock.instant()));
    }

    static List<Direction> directions(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "both" -> List.of(Direction.INBOUND, Direction.OUTBOUND);
            case "inbound" -> List.of(Direction.INBOUND);
            case "outbound" -> List.of(Direction.OUTBOUND);
            default ->
                throw new IllegalArgumentException(
                        "direction must be 'inbound', 'outbound' or 'both', not '" + text + "'");
        };
    }
}
