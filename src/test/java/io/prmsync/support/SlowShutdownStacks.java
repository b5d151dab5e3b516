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

    private static void printIfSlow() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("SpringApplicationShutdownHook")) {
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (thread.isAlive()) {
                    print();
                }
            }
        }
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
