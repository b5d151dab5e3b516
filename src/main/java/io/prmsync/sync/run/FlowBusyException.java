package io.prmsync.sync.run;

import io.prmsync.store.Direction;

public class FlowBusyException extends RuntimeException {

    public FlowBusyException(String flow, Direction direction) {
        super("Flow " + flow + " is already running " + direction.name().toLowerCase() + "; try again when it ends");
    }
}
