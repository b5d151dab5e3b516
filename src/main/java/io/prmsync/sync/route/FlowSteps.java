package io.prmsync.sync.route;

import io.prmsync.salesforce.SalesforceCalls;
import io.prmsync.salesforce.SalesforceGateway;
import io.prmsync.store.Direction;
import io.prmsync.sync.TierChanges;
import io.prmsync.sync.inbound.InboundSync;
import io.prmsync.sync.outbound.OutboundSync;
import io.prmsync.sync.run.FlowRun;
import io.prmsync.sync.run.FlowTrigger;
import io.prmsync.sync.run.RunControl;
import io.prmsync.sync.run.SyncFlows;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps the flow templates ({@code routes/templates/}) call, and the only place where a run meets Camel: the
 * first step unpacks the message into a typed {@link FlowRun}, kept as the exchange's one property, and every
 * later step hands it to the engine.
 */
@Component("flowSteps")
public class FlowSteps {

    static final String RUN_PROPERTY = "prmSyncRun";
    /** The flows that carry a partner's tier to Salesforce. */
    private static final List<String> CARRY_TIERS = List.of("partner-accounts", "tier-members");

    private static final Logger log = LoggerFactory.getLogger(FlowSteps.class);

    private final RunControl runs;
    private final InboundSync inbound;
    private final OutboundSync outbound;
    private final SalesforceGateway salesforce;
    private final ProducerTemplate template;

    FlowSteps(
            RunControl runs,
            InboundSync inbound,
            OutboundSync outbound,
            SalesforceGateway salesforce,
            ProducerTemplate template) {
        this.template = template;
        this.runs = runs;
        this.inbound = inbound;
        this.outbound = outbound;
        this.salesforce = salesforce;
    }

    /**
     * Opens the run the message's {@link FlowTrigger} asks for (no trigger: a scheduled run); when the flow may not
     * run now, ends the exchange here. The flow's lock is released when the exchange ends, however it ends.
     */
    public void open(Exchange exchange, String flow, String direction) {
        FlowTrigger trigger = exchange.getMessage().getBody(FlowTrigger.class);
        exchange.getMessage().setBody(null);
        Optional<FlowRun> opened = runs.open(
                flow,
                Direction.valueOf(direction.toUpperCase(Locale.ROOT)),
                trigger == null ? FlowTrigger.scheduled() : trigger);
        if (opened.isEmpty()) {
            exchange.setRouteStop(true);
            return;
        }
        FlowRun run = opened.get();
        exchange.setProperty(RUN_PROPERTY, run);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                runs.release(run);
            }
        });
    }

    public void readChanges(@ExchangeProperty(RUN_PROPERTY) FlowRun run) {
        inbound.readChanges(run, calls(run));
    }

    public void retryParked(@ExchangeProperty(RUN_PROPERTY) FlowRun run) {
        inbound.retryParked(run);
    }

    public void sweepDeletions(@ExchangeProperty(RUN_PROPERTY) FlowRun run) {
        inbound.sweepDeletions(run, calls(run));
    }

    public void writeChanges(@ExchangeProperty(RUN_PROPERTY) FlowRun run) {
        outbound.writeChanges(run, calls(run));
        outbound.finish(run);
    }

    public void finish(@ExchangeProperty(RUN_PROPERTY) FlowRun run) {
        runs.finish(run);
    }

    /**
     * Sends the partners whose tier the run changed to Salesforce now: {@code Partner_Tier__c} through the
     * partner-accounts flow, the {@code ChannelProgramMember} level through tier-members. Each goes in an exchange
     * of its own, so a follow-up that is refused (busy, paused) or fails neither cancels the other nor becomes this
     * run's outcome; each records its own run.
     */
    public void pushTierChanges(@ExchangeProperty(RUN_PROPERTY) FlowRun run) {
        if (!run.tierChanges().isEmpty()) {
            send(run.trigger().followUp(run.tierChanges()));
        }
    }

    /** The same for tier changes made outside any run (the scheduled evaluation). */
    public void carry(TierChanges changes) {
        send(FlowTrigger.scheduled().followUp(changes));
    }

    private void send(FlowTrigger followUp) {
        for (String flow : CARRY_TIERS) {
            Exchange done = template.send(
                    "direct:" + SyncFlows.routeId(flow, Direction.OUTBOUND),
                    exchange -> exchange.getMessage().setBody(followUp));
            if (done.getException() != null) {
                log.warn(
                        "Sending tier changes through {} failed: {}",
                        flow,
                        done.getException().getMessage());
            }
        }
    }

    /** Ends the exchange's run as failed with the exception that stopped it. */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        FlowRun run = exchange.getProperty(RUN_PROPERTY, FlowRun.class);
        if (run != null && run.state() == FlowRun.State.RUNNING) {
            runs.fail(run, cause);
        } else {
            runs.failBeforeRun(exchange.getFromRouteId(), cause);
        }
    }

    private SalesforceCalls calls(FlowRun run) {
        return salesforce.calls(run::countApiCall);
    }
}
