package io.prmsync.store;

/** One flow in one direction: what a watermark, a dead letter or a parked record belongs to. */
public record FlowDirection(String flow, Direction direction) {}
