package io.prmsync.sync.run;

import java.util.Collection;

public class UnknownFlowException extends RuntimeException {

    public UnknownFlowException(String flow, Collection<String> known) {
        super("Unknown flow '" + flow + "'; known flows: " + known);
    }
}
