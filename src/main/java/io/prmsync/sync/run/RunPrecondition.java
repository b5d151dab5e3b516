package io.prmsync.sync.run;

/**
 * Checked before a run opens; a precondition that fails blocks flows through {@link FlowBlocks}, which the gate
 * then refuses. May call Salesforce; an exception fails the run that asked.
 */
public interface RunPrecondition {

    void confirm();
}
