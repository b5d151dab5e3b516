package io.prmsync.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/** The org's daily API request budget, as reported in {@code Sforce-Limit-Info} and {@code /limits}. */
final class ApiUsage {

    private final AtomicLong used = new AtomicLong();
    private volatile long limit;

    ApiUsage(long limit) {
        this.limit = limit;
    }

    /** Counts one call; false once the budget is spent, and then nothing is counted. */
    boolean tryAcquire() {
        while (true) {
            long current = used.get();
            if (current >= limit) {
                return false;
            }
            if (used.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }

    void setLimit(long newLimit) {
        limit = newLimit;
    }

    void reset() {
        used.set(0);
    }

    String header() {
        return "api-usage=" + used.get() + "/" + limit;
    }
}
