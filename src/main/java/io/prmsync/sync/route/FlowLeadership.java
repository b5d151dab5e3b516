package io.prmsync.sync.route;

import io.prmsync.cluster.ClusterProperties;
import io.prmsync.config.FlowProperties;
import io.prmsync.store.Direction;
import io.prmsync.sync.run.RunControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.cluster.CamelPreemptiveClusterView;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Which node polls which flow, when a coordinator is configured ({@code camel.cluster.zookeeper.*} or
 * {@code camel.cluster.kubernetes.*}, Camel's cluster service): each scheduled flow has an election of its own (a
 * namespace), which every node joins once it is ready; a flow's schedule triggers runs only on the node that leads
 * it, by the coordinator's own state, and only while that node can reach the coordinator. A dead node's flows go to
 * the others. Leadership decides who polls; the flow's lease in the store still decides who runs
 * ({@code io.prmsync.cluster.FlowLeases}), so a handover is safe.
 *
 * <p>Not {@code master:} endpoints: with Camel 4.17 and ZooKeeper, a master consumer kept its timer running after
 * its session was lost with the quorum, and after a session expired it sometimes never started its timer again, so
 * a flow had two pollers or none. Holding the views here keeps one truth: the coordinator's.
 *
 * <p>A coordinator hands every election to the node that asked first, which after a rolling start is one node for
 * all flows. So every {@code prm-sync.cluster.rebalance-every}, a node that leads more than its share of the flows
 * (the flows over the nodes taking part, rounded up) steps back from one it is not running: on ZooKeeper it leaves
 * that flow's election and joins it again at the back; on Kubernetes it yields the flow's Lease. The next node in
 * line takes the flow. A node whose ZooKeeper session expired is out of every election (Camel does not queue it
 * again): the same tick joins them again.
 */
@Component
public class FlowLeadership {

    private static final Logger log = LoggerFactory.getLogger(FlowLeadership.class);

    /** Lease durations a yielded flow may stay without a leader before this node takes part again. */
    private static final int YIELD_PATIENCE = 3;

    private final Optional<CamelClusterService> service;
    private final List<String> scheduledFlows;
    private final RunControl runs;
    private final Duration rebalanceEvery;
    private final Map<String, CamelClusterView> joined = new ConcurrentHashMap<>();
    /** Kubernetes views this node disabled to yield their flow, and since when. */
    private final Map<String, java.time.Instant> steppedBack = new ConcurrentHashMap<>();

    private ScheduledExecutorService rebalancing;

    FlowLeadership(
            ObjectProvider<CamelClusterService> services,
            RunControl runs,
            FlowProperties flows,
            ClusterProperties cluster) {
        this.service = Optional.ofNullable(services.getIfUnique());
        this.runs = runs;
        this.rebalanceEvery = cluster.rebalanceEvery();
        this.scheduledFlows = flows.flows().entrySet().stream()
                .filter(flow -> FlowSchedules.DIRECTIONS.stream()
                        .anyMatch(direction -> flow.getValue()
                                .inDirection(direction)
                                .filter(FlowProperties.Schedule::enabled)
                                .isPresent()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The namespace of a flow's election in the coordinator. */
    static String namespace(String flow) {
        return "prm-sync-" + flow;
    }

    /** True when a coordinator decides which node polls each flow. */
    public boolean coordinated() {
        return service.isPresent();
    }

    /** Joins every scheduled flow's election once the service is ready to run what it wins. */
    @EventListener(ApplicationReadyEvent.class)
    void join() {
        service.ifPresent(cluster -> {
            for (String flow : scheduledFlows) {
                try {
                    joined.put(flow, cluster.getView(namespace(flow)));
                } catch (Exception e) {
                    log.error("Node {} could not join the election of {}: {}", cluster.getId(), flow, e.toString());
                }
            }
            if (!rebalanceEvery.isZero()) {
                rebalancing = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "flow-leadership");
                    thread.setDaemon(true);
                    return thread;
                });
                rebalancing.scheduleWithFixedDelay(
                        this::rebalance, rebalanceEvery.toMillis(), rebalanceEvery.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * Whether this node's schedule of the flow may trigger a run now: without a coordinator always; with one, only
     * while this node can reach it and leads the flow.
     */
    public boolean mayPoll(String flow) {
        if (service.isEmpty()) {
            return true;
        }
        CamelClusterView view = joined.get(flow);
        if (view == null || !reachable(service.get())) {
            return false;
        }
        try {
            return view.getLocalMember().isLeader();
        } catch (RuntimeException unknown) {
            return false;
        }
    }

    private static boolean reachable(CamelClusterService cluster) {
        // Kubernetes: Camel's leader gives up by itself once it cannot renew its lease within the renew deadline.
        return !(cluster instanceof ZooKeeperClusterService zookeeper)
                || zookeeper.getCuratorFramework() == null
                || zookeeper.getCuratorFramework().getZookeeperClient().isConnected();
    }

    /**
     * Whether another node leads the flow now, as the coordinator sees it: never without a coordinator, while this
     * node cannot reach it, or between leaders (then any node may run the flow's records).
     */
    public boolean ledElsewhere(String flow) {
        if (service.isEmpty() || !reachable(service.get())) {
            return false;
        }
        CamelClusterView view = joined.get(flow);
        if (view == null) {
            return false;
        }
        try {
            return view.getLeader().isPresent() && !view.getLocalMember().isLeader();
        } catch (RuntimeException unknown) {
            return false;
        }
    }

    /** The node that polls the flow now, as the coordinator sees it; empty without one, or between leaders. */
    public Optional<String> leader(String flow) {
        CamelClusterView view = joined.get(flow);
        if (view == null) {
            return Optional.empty();
        }
        try {
            return view.getLeader().map(CamelClusterMember::getId);
        } catch (RuntimeException unknown) {
            return Optional.empty();
        }
    }

    /**
     * Every {@code rebalance-every} while the coordinator answers: joins again the elections this node dropped out
     * of, then steps back from one flow if it leads more than its share.
     */
    void rebalance() {
        CamelClusterService cluster = service.orElseThrow();
        if (!reachable(cluster)) {
            return;
        }
        try {
            rejoinElectionsLeft(cluster);
            takePartAgainAfterYielding(cluster);
            stepBackIfOverShare(cluster);
        } catch (Exception notNow) {
            // The coordinator unreachable, say: leadership stays as it is until it answers.
            log.debug("Rebalancing flow leadership failed this time: {}", notNow.toString());
        }
    }

    /**
     * A node drops out of an election when its session expires (a stall, a network partition) or when it leaves one
     * and asks to join again while its last turn is still ending; the coordinator then never offers it the flow.
     */
    private void rejoinElectionsLeft(CamelClusterService cluster) throws Exception {
        if (!(cluster instanceof ZooKeeperClusterService)) {
            // Kubernetes: Camel's leadership controller keeps its pod in the running by itself.
            return;
        }
        for (Map.Entry<String, CamelClusterView> election : new HashMap<>(joined).entrySet()) {
            String self = election.getValue().getLocalMember().getId();
            boolean takesPart =
                    election.getValue().getMembers().stream().anyMatch(member -> Objects.equals(self, member.getId()));
            if (!takesPart) {
                log.info("Node {} joins the election of {} again", self, election.getKey());
                rejoin(cluster, election.getKey());
            }
        }
    }

    private void stepBackIfOverShare(CamelClusterService cluster) throws Exception {
        if (!steppedBack.isEmpty()) {
            // One hand-over at a time: a yielded lease takes a lease's length to pass to the next node.
            return;
        }
        Set<String> members = new TreeSet<>();
        List<String> led = new ArrayList<>();
        joined.forEach((flow, view) -> {
            view.getMembers().forEach(member -> members.add(member.getId()));
            if (mayPoll(flow)) {
                led.add(flow);
            }
        });
        if (members.isEmpty()) {
            return;
        }
        int share = (scheduledFlows.size() + members.size() - 1) / members.size();
        if (led.size() <= share) {
            return;
        }
        // One not running here: stepping back from it cuts no run short.
        Optional<String> idle = led.stream()
                .sorted(Comparator.reverseOrder())
                .filter(flow ->
                        Arrays.stream(Direction.values()).noneMatch(direction -> runs.isRunning(flow, direction)))
                .findFirst();
        if (idle.isPresent()) {
            log.info(
                    "Node {} leads {} of {} flows ({} nodes take part, a share is {}); it steps back from {}",
                    joined.get(idle.get()).getLocalMember().getId(),
                    led.size(),
                    scheduledFlows.size(),
                    members.size(),
                    share,
                    idle.get());
            stepBack(cluster, idle.get());
        }
    }

    /**
     * Leaves the lead of a flow to the next node in line. ZooKeeper: leave the election and join it again at the
     * back. Kubernetes: leaving would not do, as the flow's Lease keeps this pod's name and the pod would lead again
     * on joining; a disabled view yields the Lease (after one lease duration) to the next pod, and is enabled again
     * once another pod leads the flow, or after {@link #YIELD_PATIENCE} lease durations when none took it.
     */
    private void stepBack(CamelClusterService cluster, String flow) throws Exception {
        if (joined.get(flow) instanceof CamelPreemptiveClusterView preemptive) {
            preemptive.setDisabled(true);
            steppedBack.put(flow, java.time.Instant.now());
        } else {
            rejoin(cluster, flow);
        }
    }

    /** Enables the Kubernetes views this node stepped back from, once the flow has another leader or none came. */
    private void takePartAgainAfterYielding(CamelClusterService cluster) {
        Duration patience = Duration.ofMillis(YIELD_PATIENCE
                * (cluster instanceof KubernetesClusterService kubernetes
                        ? kubernetes.getLeaseDurationMillis()
                        : rebalanceEvery.toMillis()));
        for (Map.Entry<String, java.time.Instant> yielded : new HashMap<>(steppedBack).entrySet()) {
            String flow = yielded.getKey();
            CamelClusterView view = joined.get(flow);
            String self = view.getLocalMember().getId();
            boolean takenOver = view.getLeader()
                    .map(CamelClusterMember::getId)
                    .filter(leader -> !leader.equals(self))
                    .isPresent();
            if (takenOver || yielded.getValue().plus(patience).isBefore(java.time.Instant.now())) {
                ((CamelPreemptiveClusterView) view).setDisabled(false);
                steppedBack.remove(flow);
                log.info(
                        "Node {} takes part in the election of {} again ({})",
                        self,
                        flow,
                        takenOver
                                ? "led by "
                                        + view.getLeader()
                                                .map(CamelClusterMember::getId)
                                                .orElse("?")
                                : "nobody took it");
            }
        }
    }

    /** The last user of a view leaving it leaves the election; asking for the view again joins it at the back. */
    private void rejoin(CamelClusterService cluster, String flow) throws Exception {
        cluster.releaseView(joined.remove(flow));
        joined.put(flow, cluster.getView(namespace(flow)));
    }

    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void stop() {
        if (rebalancing != null) {
            rebalancing.shutdownNow();
        }
        service.ifPresent(cluster -> joined.values().forEach(view -> {
            try {
                cluster.releaseView(view);
            } catch (Exception leaving) {
                // The coordinator notices the session end anyway.
            }
        }));
        joined.clear();
    }
}
