package io.prmsync.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One run of a flow at a time across every node on the store, with no coordinator: a run first takes the flow's
 * lease (a row in {@code flow_lease}), which a node that died leaves to the others when it expires; the holder
 * renews it while the run lasts. Every commit a run makes confirms the lease's fencing token in its own
 * transaction ({@link #confirm}), so a node that stalled past its lease cannot commit after another took over.
 * Expiry is judged by the clock of the node that wants the flow; skewed clocks can only hand a flow over early, and
 * the token keeps an early handover safe.
 */
@Component
public class FlowLeases implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlowLeases.class);

    /** Who holds a flow, as the store says; {@code node} is null when no one does. */
    public record Holder(String flow, String node, long token, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final NodeIdentity node;
    private final ClusterProperties properties;
    private final Clock clock;
    private final Map<String, FlowLease> held = new ConcurrentHashMap<>();
    /** Leases this node found lost and said so, once each. */
    private final java.util.Set<FlowLease> reportedLost = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flow-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    FlowLeases(JdbcClient jdbc, NodeIdentity node, ClusterProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.node = node;
        this.properties = properties;
        this.clock = clock;
        long every = Math.max(properties.leaseDuration().toMillis() / 3, 100);
        renewals.scheduleWithFixedDelay(this::renewHeld, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the flow's lease, waiting up to {@code wait} while another node holds it; empty when it is still held
     * then. This process runs one run of a flow at a time, so it never asks for a lease it holds.
     */
    public Optional<FlowLease> acquire(String flow, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        ensureRow(flow);
        while (true) {
            Optional<FlowLease> taken = tryTake(flow);
            if (taken.isPresent()) {
                held.put(flow, taken.get());
                return taken;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wantNext(flow);
            try {
                Thread.sleep(Math.min(
                        TimeUnit.NANOSECONDS.toMillis(left) + 1,
                        properties.leasePoll().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * Takes the flow if no node holds it (or its lease ran out) and no other node is waiting for it: a node waiting
     * gets it first, the node that just ended a run waits its turn.
     */
    private Optional<FlowLease> tryTake(String flow) {
        Instant now = clock.instant();
        int taken = jdbc.sql("UPDATE flow_lease SET holder = :node, token = token + 1, acquired_at = :now,"
                        + " expires_at = :expires, wanted_by = NULL, wanted_until = NULL WHERE flow = :flow"
                        + " AND (holder IS NULL OR expires_at <= :now)"
                        + " AND (wanted_by IS NULL OR wanted_by = :node OR wanted_until <= :now)")
                .param("node", node.id())
                .param("now", at(now))
                .param("expires", at(now.plus(properties.leaseDuration())))
                .param("flow", flow)
                .update();
        if (taken == 0) {
            return Optional.empty();
        }
        // Ours until it expires: no one else can have moved the token since.
        long token = jdbc.sql("SELECT token FROM flow_lease WHERE flow = :flow")
                .param("flow", flow)
                .query(Long.class)
                .single();
        return Optional.of(new FlowLease(flow, node.id(), token));
    }

    /**
     * Says this node waits for the flow, for two polls' length (renewed at each poll while it waits): runs that
     * follow each other on the holding node hand the flow over for a moment only, which a node polling every
     * {@code lease-poll} would otherwise never see. The first node to want it keeps the claim until it lapses.
     */
    private void wantNext(String flow) {
        Instant now = clock.instant();
        jdbc.sql("UPDATE flow_lease SET wanted_by = :node, wanted_until = :until WHERE flow = :flow"
                        + " AND (wanted_by IS NULL OR wanted_by = :node OR wanted_until <= :now)")
                .param("node", node.id())
                .param("until", at(now.plus(properties.leasePoll().multipliedBy(2))))
                .param("now", at(now))
                .param("flow", flow)
                .update();
    }

    private void ensureRow(String flow) {
        RowsInsertedOnce.ensure(
                jdbc, "flow_lease", "flow", flow, "INSERT INTO flow_lease (flow, token) VALUES (:key, 0)");
    }

    /**
     * Inside a commit of a run of the flow: fails the transaction unless this node still holds the lease it took.
     * The row stays locked until the transaction ends, so no node can take the flow over half-way through a commit.
     * Commits outside a run (none holds the flow here) are not fenced.
     *
     * @throws LeaseLostException when another node took the flow over, or the lease was released
     */
    public void confirm(String flow) {
        FlowLease lease = held.get(flow);
        if (lease == null) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A fenced commit of " + flow + " must run inside its transaction");
        }
        int still = jdbc.sql("UPDATE flow_lease SET token = token WHERE flow = :flow AND holder = :node"
                        + " AND token = :token")
                .param("flow", flow)
                .param("node", lease.node())
                .param("token", lease.token())
                .update();
        if (still == 0) {
            throw new LeaseLostException(lease, holder(flow).map(Holder::node).orElse("no one"));
        }
    }

    /**
     * As a run is about to end, outside any commit: fails when another node took the flow over meanwhile, so a run
     * that stalled past its lease after its last commit does not end as if it had done all the work itself.
     *
     * @throws LeaseLostException when this node's lease on the flow was taken over or released
     */
    public void confirmStillHeld(String flow) {
        FlowLease lease = held.get(flow);
        if (lease == null) {
            return;
        }
        long still = jdbc.sql(
                        "SELECT COUNT(*) FROM flow_lease WHERE flow = :flow AND holder = :node" + " AND token = :token")
                .param("flow", flow)
                .param("node", lease.node())
                .param("token", lease.token())
                .query(Long.class)
                .single();
        if (still == 0) {
            throw LeaseLostException.atTheRunsEnd(
                    lease, holder(flow).map(Holder::node).orElse("no one"));
        }
    }

    /** Ends this node's hold on the flow; the next node that wants it takes it at once. */
    public void release(String flow) {
        FlowLease lease = held.remove(flow);
        if (lease == null) {
            return;
        }
        reportedLost.remove(lease);
        try {
            jdbc.sql("UPDATE flow_lease SET holder = NULL, expires_at = NULL WHERE flow = :flow AND holder = :node"
                            + " AND token = :token")
                    .param("flow", flow)
                    .param("node", lease.node())
                    .param("token", lease.token())
                    .update();
        } catch (RuntimeException storeUnavailable) {
            log.warn("Could not release the lease of {} (it expires by itself): {}", flow, storeUnavailable.toString());
        }
    }

    /** The lease this node holds on the flow, if any. */
    public Optional<FlowLease> held(String flow) {
        return Optional.ofNullable(held.get(flow));
    }

    public Optional<Holder> holder(String flow) {
        return holders().stream().filter(h -> h.flow().equals(flow)).findFirst();
    }

    /** Every flow's lease as the store has it; a lease past its expiry is shown as held by no one. */
    public List<Holder> holders() {
        Instant now = clock.instant();
        return jdbc.sql("SELECT flow, holder, token, expires_at FROM flow_lease ORDER BY flow")
                .query((rs, n) -> {
                    OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
                    boolean live = rs.getString("holder") != null
                            && expires != null
                            && expires.toInstant().isAfter(now);
                    return new Holder(
                            rs.getString("flow"),
                            live ? rs.getString("holder") : null,
                            rs.getLong("token"),
                            live ? expires.toInstant() : null);
                })
                .list();
    }

    /** Renews every lease this node holds; one it finds lost stays known, so the run's next commit fails. */
    void renewHeld() {
        for (FlowLease lease : held.values()) {
            try {
                int renewed = jdbc.sql("UPDATE flow_lease SET expires_at = :expires WHERE flow = :flow"
                                + " AND holder = :node AND token = :token")
                        .param("expires", at(clock.instant().plus(properties.leaseDuration())))
                        .param("flow", lease.flow())
                        .param("node", lease.node())
                        .param("token", lease.token())
                        .update();
                if (renewed == 0 && held.get(lease.flow()) == lease && reportedLost.add(lease)) {
                    log.error(
                            "Node {} lost the lease of {} (token {}): another node holds the flow now; this node's"
                                    + " run of it can no longer commit",
                            lease.node(),
                            lease.flow(),
                            lease.token());
                }
            } catch (RuntimeException notNow) {
                // A commit holding the row, or the store briefly away: the next renewal tries again.
                log.debug("Renewing the lease of {} failed this time: {}", lease.flow(), notNow.toString());
            }
        }
    }

    @Override
    public void close() {
        renewals.shutdownNow();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
