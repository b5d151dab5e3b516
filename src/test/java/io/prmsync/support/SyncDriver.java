package io.prmsync.support;

import java.util.List;
import org.apache.camel.ProducerTemplate;

/** Runs flows on demand the way the schedule does, and waits for them, so tests need no timers. */
public final class SyncDriver {

    private final ProducerTemplate template;

    public SyncDriver(ProducerTemplate template) {
        this.template = template;
    }

    public void inbound(String flow) {
        template.sendBody("direct:" + flow + "-inbound", null);
    }

    public void outbound(String flow) {
        template.sendBody("direct:" + flow + "-outbound", null);
    }

    /** Both directions until nothing is left to exchange, so a test starts from agreement. */
    public void settle(String flow) {
        for (int i = 0; i < 2; i++) {
            inbound(flow);
            outbound(flow);
        }
    }

    /**
     * The whole sample program both ways: accounts, certifications, deals and activities settled, outcomes in,
     * tiers out.
     */
    public void syncProgram() {
        for (String flow : List.of("partner-accounts", "certifications", "deal-registrations", "partner-activities")) {
            settle(flow);
        }
        inbound("deal-outcomes");
        template.sendBody("direct:tier-evaluation", null);
        outbound("tier-levels");
        outbound("tier-members");
    }
}
