package io.prmsync.cluster;

/**
 * A run's commit refused because its node no longer holds the flow's lease: it stalled past the lease (a long
 * collection pause, a lost network) and another node took the flow over, or an admin released it. The commit's
 * transaction rolls back; the node that holds the flow now redoes the work from the last watermark it finds.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(FlowLease lease, String holderNow) {
        super("Node " + lease.node() + " no longer holds the lease of flow " + lease.flow() + " (its token "
                + lease.token() + "; held now by " + holderNow + "): nothing of this commit is kept");
    }
}
