package io.prmsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the heap while a scenario runs: the highest heap in use, and the highest heap left after a garbage
 * collection (what the run really keeps alive; the first figure also counts garbage not collected yet).
 */
final class HeapSampler implements AutoCloseable {

    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler() {
        System.gc();
        thread = new Thread(
                () -> {
                    while (running) {
                        sample();
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        long used = 0;
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
                MemoryUsage collected = pool.getCollectionUsage();
                afterGc += collected == null ? 0 : collected.getUsed();
            }
        }
        peakUsed.accumulateAndGet(used, Math::max);
        peakAfterGc.accumulateAndGet(afterGc, Math::max);
    }

    long peakUsedMiB() {
        return peakUsed.get() / (1024 * 1024);
    }

    long peakAfterGcMiB() {
        return peakAfterGc.get() / (1024 * 1024);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        sample();
    }
}
