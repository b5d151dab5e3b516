package io.prmsync.sync.check;

import io.prmsync.config.SyncProperties;
import io.prmsync.sync.run.SyncFlows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks every flow's mapping against the org once the service is up, on a thread of its own: an org that is
 * slow or unreachable must not hold up start-up, and a check that cannot run stops nothing (the runs will meet
 * the same trouble and report it).
 */
@Component
class OrgCheckAtStartup {

    private static final Logger log = LoggerFactory.getLogger(OrgCheckAtStartup.class);

    private final OrgCheck check;
    private final SyncFlows flows;
    private final SyncProperties properties;

    OrgCheckAtStartup(OrgCheck check, SyncFlows flows, SyncProperties properties) {
        this.check = check;
        this.flows = flows;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void checkEveryFlow() {
        if (!properties.checkOrgAtStartup()) {
            return;
        }
        Thread thread = new Thread(this::checkAll, "org-check");
        thread.setDaemon(true);
        thread.start();
    }

    void checkAll() {
        for (String flow : flows.names()) {
            try {
                check.check(flow);
            } catch (RuntimeException e) {
                log.warn("Could not check {} against the org: {}", flow, e.getMessage());
            }
        }
    }
}
