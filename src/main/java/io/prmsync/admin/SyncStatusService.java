package io.prmsync.admin;

import io.prmsync.cluster.FlowLeases;
import io.prmsync.cluster.NodeIdentity;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.store.Direction;
import io.prmsync.store.SyncRun;
import io.prmsync.store.SyncRunRepository;
import io.prmsync.store.WatermarkRepository;
import io.prmsync.sync.route.FlowLeadership;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.RunControl;
import io.prmsync.sync.run.RunGate;
import io.prmsync.sync.run.SyncFlows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Every flow and direction as the admin API's status and the console's overview show it. */
@Service
public class SyncStatusService {

    private final SyncFlows flows;
    private final SyncRunRepository runs;
    private final WatermarkRepository watermarks;
    private final DeadLetterRepository deadLetters;
    private final RunControl tracker;
    private final SyncLauncher launcher;
    private final RunGate gate;
    private final FlowLeases leases;
    private final NodeIdentity node;
    private final FlowLeadership leadership;

    SyncStatusService(
            SyncFlows flows,
            SyncRunRepository runs,
            WatermarkRepository watermarks,
            DeadLetterRepository deadLetters,
            RunControl tracker,
            SyncLauncher launcher,
            RunGate gate,
            FlowLeases leases,
            NodeIdentity node,
            FlowLeadership leadership) {
        this.leadership = leadership;
        this.leases = leases;
        this.node = node;
        this.gate = gate;
        this.launcher = launcher;
        this.flows = flows;
        this.runs = runs;
        this.watermarks = watermarks;
        this.deadLetters = deadLetters;
        this.tracker = tracker;
    }

    public List<FlowStatus> flows() {
        Map<String, String> holders = new HashMap<>();
        leases.holders().stream()
                .filter(holder -> holder.node() != null)
                .forEach(holder -> holders.put(holder.flow(), holder.node()));
        List<FlowStatus> result = new ArrayList<>();
        for (String flow : flows.names()) {
            for (Direction direction : Direction.values()) {
                if (launcher.runs(flow, direction)) {
                    result.add(status(flow, direction, holders.get(flow)));
                }
            }
        }
        return result;
    }

    private FlowStatus status(String flow, Direction direction, String heldBy) {
        Optional<SyncRun> last = runs.latest(flow, direction);
        Optional<RunGate.Pause> pause = gate.pause(flow);
        FlowStatus.Watermark watermark = watermarks
                .find(flow, direction)
                .map(w -> new FlowStatus.Watermark(w.stamp(), w.recordId()))
                .orElse(null);
        return new FlowStatus(
                flow,
                direction.name().toLowerCase(Locale.ROOT),
                last.map(SyncRun::startedAt).orElse(null),
                last.map(SyncRun::state).orElse(null),
                last.map(SyncRun::message).orElse(null),
                watermark,
                watermarks.readUntil(flow, direction).orElse(watermark == null ? null : watermark.stamp()),
                runs.totalChanged(flow, direction),
                deadLetters.countOpen(flow, direction),
                // Here, or on the node that holds the flow (a run it left behind when it died shows RUNNING, unheld).
                tracker.isRunning(flow, direction)
                        || (heldBy != null
                                && last.filter(run -> "RUNNING".equals(run.state()) && heldBy.equals(run.node()))
                                        .isPresent()),
                pause.map(RunGate.Pause::until).orElse(null),
                pause.map(RunGate.Pause::reason).orElse(null),
                last.map(SyncRun::node).orElse(null),
                heldBy,
                leadership.leader(flow).orElse(null),
                node.id());
    }
}
