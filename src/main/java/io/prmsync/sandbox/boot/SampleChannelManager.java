package io.prmsync.sandbox.boot;

import io.prmsync.sandbox.SimulatedOrg;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The sandbox's channel manager: approves the sample program's waiting deal registrations in the simulated org
 * some time after start-up, as a person would in Salesforce. By then the service has seen them waiting, so it sees
 * the decisions happen and can time them: the vendor's side of trust, and the TRUST stage, need decisions whose
 * time is known (a registration that arrives already decided says nothing about how fast it was decided).
 */
final class SampleChannelManager implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SampleChannelManager.class);

    private final SimulatedOrg org;
    private final List<String> registrations;
    private final Duration decideAfter;
    private ScheduledExecutorService executor;

    SampleChannelManager(SimulatedOrg org, List<String> registrations, Duration decideAfter) {
        this.org = org;
        this.registrations = List.copyOf(registrations);
        this.decideAfter = decideAfter;
    }

    @Override
    public synchronized void start() {
        if (registrations.isEmpty()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sandbox-channel-manager");
            thread.setDaemon(true);
            return thread;
        });
        executor.schedule(this::approveAll, decideAfter.toMillis(), TimeUnit.MILLISECONDS);
        log.info(
                "Sandbox channel manager: {} waiting deal registrations get approved in {}",
                registrations.size(),
                decideAfter);
    }

    void approveAll() {
        int approved = 0;
        for (String id : registrations) {
            try {
                org.update(id, Map.of("Registration_Status__c", "Approved", "Status", "Working - Contacted"));
                approved++;
            } catch (RuntimeException e) {
                // Deleted or changed by someone meanwhile: the sandbox is theirs to play with.
                log.info("Sandbox channel manager left registration {} alone: {}", id, e.getMessage());
            }
        }
        log.info("Sandbox channel manager approved {} deal registrations", approved);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
