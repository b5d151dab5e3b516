package io.prmsync.sync.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One run per flow at a time in this process, handed to waiting triggers in the order they came. An unfair lock let
 * a flow's outbound runs, each asking again as the last one ended, pass an inbound trigger that had waited all along:
 * in a cluster test, a streamed edit waited more than a minute behind outbound runs that sent nothing.
 */
final class FlowLocks {

    private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();

    /** Takes the flow, waiting up to {@code wait} behind the triggers that came first; false when still held then. */
    boolean acquire(String flow, Duration wait) {
        Semaphore lock = locks.computeIfAbsent(flow, f -> new Semaphore(1, true));
        try {
            return lock.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How many triggers wait for the flow now. */
    int waiting(String flow) {
        Semaphore lock = locks.get(flow);
        return lock == null ? 0 : lock.getQueueLength();
    }

    /** Lets the trigger that has waited longest take the flow. */
    void release(String flow) {
        locks.get(flow).release();
    }
}
