package io.prmsync.admin;

import io.prmsync.store.Direction;
import io.prmsync.store.SyncRunRepository;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.Mode;
import io.prmsync.sync.run.RunGate;
import io.prmsync.sync.run.SyncFlows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Starts a flow's runs on demand and reports their progress, for the admin API and the console alike. */
@Service
public class FlowRuns {

    static final int MAX_PAGE_SIZE = 500;

    private final SyncLauncher launcher;
    private final SyncRunRepository runs;
    private final RunGate gate;
    private final SyncFlows flows;
    private final Clock clock;

    FlowRuns(SyncLauncher launcher, SyncRunRepository runs, RunGate gate, SyncFlows flows, Clock clock) {
        this.launcher = launcher;
        this.runs = runs;
        this.gate = gate;
        this.flows = flows;
        this.clock = clock;
    }

    /**
     * Lifts the flow's pause after {@code REQUEST_LIMIT_EXCEEDED}; the API budget guard still applies.
     *
     * @return whether the flow is still paused (by the budget guard)
     * @throws io.prmsync.sync.run.UnknownFlowException no mapping defines the flow
     */
    public boolean resume(String flow) {
        flows.mapper(flow);
        gate.resume(flow);
        return gate.pause(flow).isPresent();
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

    /**
     * Runs newest first with their progress, of one flow and direction when given.
     *
     * @throws IllegalArgumentException the direction is neither {@code inbound} nor {@code outbound}, or the page is
     *     out of range
     */
    public List<RunProgress> history(Optional<String> flow, Optional<String> direction, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be ≥ 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        Optional<Direction> chosen = direction.filter(d -> !d.isBlank()).map(d -> {
            List<Direction> one = directions(d);
            if (one.size() != 1) {
                throw new IllegalArgumentException("direction must be 'inbound' or 'outbound', not '" + d + "'");
            }
            return one.get(0);
        });
        return runs.page(flow.filter(f -> !f.isBlank()), chosen, page, size).stream()
                .map(run -> RunProgress.of(run, clock.instant()))
                .toList();
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
