package io.prmsync.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * A test JVM whose contexts take long to close at exit is killed by surefire after 30 s, and CI keeps only the
 * build's output: so when Spring's shutdown hook is still closing contexts after 10 s, this prints what the
 * threads a shutdown waits on are doing (Camel's shutdown task, timers, the webhook drain) to the output.
 * Registered for every test context in {@code META-INF/spring.factories}; it changes nothing in the service.
 */
public class SlowShutdownStacks implements ApplicationListener<ApplicationStartedEvent> {

    private static final AtomicBoolean registered = new AtomicBoolean();

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        if (registered.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(SlowShutdownStacks::printIfSlow, "slow-shutdown-stacks"));
        }
    }

    /** JVM hooks start together, so Spring's may not be running yet when this one looks: it looks again. */
    private static void printIfSlow() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread spring = springShutdownHook();
            if (spring == null && System.nanoTime() > deadline - java.util.concurrent.TimeUnit.SECONDS.toNanos(8)) {
                return;
            }
            if (spring != null && !spring.isAlive()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Thread spring = springShutdownHook();
        if (spring != null && spring.isAlive()) {
            print();
        }
    }

    private static Thread springShutdownHook() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("SpringApplicationShutdownHook"))
                .findFirst()
                .orElse(null);
    }

    private static void print() {
        StringBuilder dump = new StringBuilder("Contexts still closing 10 s after the JVM began to exit; threads:\n");
        for (Map.Entry<Thread, StackTraceElement[]> entry :
                Thread.getAllStackTraces().entrySet()) {
            String name = entry.getKey().getName();
            boolean relevant = name.contains("Shutdown")
                    || name.contains("webhook-inbox")
                    || name.contains("timer://")
                    || name.startsWith("Camel");
            if (!relevant) {
                continue;
            }
            dump.append('"')
                    .append(name)
                    .append("\" ")
                    .append(entry.getKey().getState())
                    .append('\n');
            for (StackTraceElement frame : entry.getValue()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        System.err.println(dump);
    }
}
