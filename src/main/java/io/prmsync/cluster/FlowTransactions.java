package io.prmsync.cluster;

import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions a run of a flow commits its work in (rows, sync state, watermark): each first confirms that this
 * node still holds the flow's lease, so a node that lost it keeps nothing of what it was about to commit.
 */
@Component
public class FlowTransactions {

    private final TransactionTemplate transaction;
    private final FlowLeases leases;

    FlowTransactions(TransactionTemplate transaction, FlowLeases leases) {
        this.transaction = transaction;
        this.leases = leases;
    }

    public <T> T execute(String flow, TransactionCallback<T> work) {
        return transaction.execute(status -> {
            leases.confirm(flow);
            return work.doInTransaction(status);
        });
    }

    public void executeWithoutResult(String flow, Consumer<TransactionStatus> work) {
        transaction.executeWithoutResult(status -> {
            leases.confirm(flow);
            work.accept(status);
        });
    }
}
