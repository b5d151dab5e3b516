package io.prmsync.cluster;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's name among the nodes sharing a store ({@code prm-sync.node-id}; by default host name and process id,
 * see {@link NodeIdDefault}), as runs, leases, pauses and the log name it.
 */
@Component
public class NodeIdentity {

    private final String id;

    public NodeIdentity(@Value("${" + NodeIdDefault.PROPERTY + "}") String id) {
        this.id = id.strip();
        if (this.id.isEmpty() || this.id.length() > 200) {
            throw new IllegalArgumentException(
                    NodeIdDefault.PROPERTY + " must be 1 to 200 characters, was '" + id + "'");
        }
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
