package io.prmsync.cluster;

/**
 * A run's commit refused because its node no longer holds the flow's lease: it stalled past the lease (a long
 * collection pause, a lost network) and another node took the flow over, or an admin released it. The commit's
 * transaction rolls back; the node that holds the flow now redoes the work from the last watermark it finds.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(FlowLease lease, String holderNow) {
        this(lease, holderNow, "nothing of this commit is kept");
    }

    private LeaseLostException(FlowLease lease, String holderNow, String consequence) {
        super("Node " + lease.node() + " no longer holds the lease of flow " + lease.flow() + " (its token "
                + lease.token() + "; held now by " + holderNow + "): " + consequence);
    }

    /** Found as the run was about to end: what it committed while it held the lease stays. */
    static LeaseLostException atTheRunsEnd(FlowLease lease, String holderNow) {
        return new LeaseLostException(
                lease,
                holderNow,
                "the run ends as failed; what it committed while it held the lease stays, and the node holding the"
                        + " flow now goes on from there");
    }
}
