package io.prmsync.sync.run;

/** A run asked for while its flow is stopped until something is fixed ({@link FlowBlocks}). */
public class FlowStoppedException extends RuntimeException {

    public FlowStoppedException(String flow, String reason) {
        super("Flow " + flow + " is stopped: " + reason);
    }
}
