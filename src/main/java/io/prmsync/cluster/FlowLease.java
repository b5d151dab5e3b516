package io.prmsync.cluster;

/**
 * A node's hold on a flow: while it lasts, only this node runs the flow, and only commits made with this token
 * are kept.
 *
 * @param token grows with every new holder of the flow, whichever node it is
 */
public record FlowLease(String flow, String node, long token) {}
