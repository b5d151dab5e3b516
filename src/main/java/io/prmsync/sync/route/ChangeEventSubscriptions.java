package io.prmsync.sync.route;

import io.prmsync.config.ChangeEventProperties;
import io.prmsync.config.SyncProperties;
import io.prmsync.store.ChangeEventPositions;
import io.prmsync.store.ChangeEventPositions.Position;
import io.prmsync.store.Direction;
import io.prmsync.sync.run.ChangeEventStreams;
import io.prmsync.sync.run.FlowBusyException;
import io.prmsync.sync.run.FlowStoppedException;
import io.prmsync.sync.run.Mode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.InvalidReplayIdException;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Holds this node's Change Data Capture subscriptions (run every {@code prm-sync.change-events.supervise-every} by
 * {@code routes/change-events.camel.yaml}). A channel is subscribed on the node that leads its first flow (every
 * node, without a coordinator: the inbox recognises an event stored twice), through the Salesforce component's
 * {@code pubSubSubscribe}, resuming after the stored replay id. Its events go to {@code direct:change-event}.
 *
 * <p>Gaps are healed by polling: with no stored position, with one older than Salesforce keeps events, after a
 * replay id Salesforce refused, and after a gap or overflow event, the channel's flows run an incremental poll from
 * their watermarks once their read horizon (now minus the settle lag) has passed the gap, then the stream goes on.
 * A subscription whose intake failed is started again from the stored position.
 */
@Component("changeEventSubscriptions")
public class ChangeEventSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(ChangeEventSubscriptions.class);

    static final String CHANNEL_HEADER = "prmSyncChannel";
    /** Longer than a subscription's first request takes to reach Salesforce, on any network worth running on. */
    static final Duration SUBSCRIBE_GRACE = Duration.ofSeconds(5);

    private final CamelContext camel;
    private final ChangeEventStreams streams;
    private final ChangeEventPositions positions;
    private final FlowLeadership leadership;
    private final SyncLauncher launcher;
    private final ChangeEventProperties properties;
    private final Duration settleLag;
    private final Clock clock;
    /** Channels whose replay id Salesforce refused; the next tick starts them from the newest event. */
    private final Set<String> replayRefused = ConcurrentHashMap.newKeySet();

    private volatile boolean stopping;

    ChangeEventSubscriptions(
            CamelContext camel,
            ChangeEventStreams streams,
            ChangeEventPositions positions,
            FlowLeadership leadership,
            SyncLauncher launcher,
            ChangeEventProperties properties,
            SyncProperties sync,
            Clock clock) {
        this.camel = camel;
        this.streams = streams;
        this.positions = positions;
        this.leadership = leadership;
        this.launcher = launcher;
        this.properties = properties;
        this.settleLag = sync.settleLag();
        this.clock = clock;
    }

    /** The route of a channel's subscription: {@code /data/AccountChangeEvent} → {@code change-events-data-accountchangeevent}. */
    static String routeId(String channel) {
        return "change-events" + channel.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
    }

    /** Starts, stops and restarts subscriptions as leadership and their health say, and heals what is due. */
    public void supervise() {
        if (stopping) {
            return;
        }
        streams.channels().forEach((channel, flows) -> {
            try {
                superviseChannel(channel, flows);
            } catch (Exception e) {
                log.warn(
                        "Supervising change event channel {} failed; next tick tries again: {}", channel, e.toString());
            }
        });
    }

    private void superviseChannel(String channel, List<String> flows) throws Exception {
        boolean held = camel.getRoute(routeId(channel)) != null;
        boolean shouldHold = leadership.mayPoll(flows.get(0));
        if (held
                && (!shouldHold
                        || streams.state(channel) == ChangeEventStreams.State.FAILED
                        || replayRefused.contains(channel))) {
            unsubscribe(channel);
            held = false;
        }
        if (!shouldHold) {
            streams.notHere(
                    channel,
                    leadership
                            .leader(flows.get(0))
                            .map(node -> "held by node " + node)
                            .orElse("no node leads " + flows.get(0) + " yet"));
            return;
        }
        if (!held) {
            subscribe(channel);
        }
        // The holder heals, so a gap costs one poll however many nodes run.
        healIfDue(channel, flows);
    }

    private void subscribe(String channel) throws Exception {
        Instant now = clock.instant();
        positions.ensure(channel, now);
        if (replayRefused.remove(channel)) {
            positions.forgetReplayId(channel);
        }
        Position position = positions.find(channel).orElseThrow();
        Optional<String> resumeAfter = position.replayId().filter(id -> kept(position, now));
        if (resumeAfter.isEmpty()) {
            // Nothing to replay from: the changes until the stream is surely live are found by polling, the stream
            // brings the rest. The subscription's first request reaches Salesforce a moment after it is sent, and
            // "newest" is counted from then, so the poll reaches past that moment.
            positions.requestHeal(channel, now.plus(SUBSCRIBE_GRACE), now);
        }
        SalesforceEndpoint endpoint = endpoint(channel, resumeAfter);
        // Before the route starts: an event of the new subscription is taken only once the stream is marked fresh.
        streams.subscribed(
                channel, resumeAfter.map(id -> "resuming after replay id " + id).orElse("from the newest event"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(endpoint)
                        .routeId(routeId(channel))
                        .setHeader(CHANNEL_HEADER, constant(channel))
                        .to("direct:change-event");
            }
        });
        log.info(
                "Subscribed to change events of {} ({})",
                channel,
                resumeAfter.map(id -> "after replay id " + id).orElse("newest first; earlier changes by polling"));
    }

    /** Whether Salesforce still keeps the event the position names (72 hours; an older replay id is refused). */
    private boolean kept(Position position, Instant now) {
        Instant last = position.lastEventAt().orElse(Instant.EPOCH);
        return Duration.between(last, now).compareTo(properties.retention()) < 0;
    }

    private SalesforceEndpoint endpoint(String channel, Optional<String> resumeAfter) throws Exception {
        SalesforceComponent salesforce = camel.getComponent("salesforce", SalesforceComponent.class);
        String uri = "salesforce:pubSubSubscribe:" + channel + "?pubSubDeserializeType=GENERIC_RECORD"
                + "&pubSubBatchSize=" + properties.batchSize()
                + "&fallbackToLatestReplayId=false"
                + "&replayPreset=" + (resumeAfter.isPresent() ? "CUSTOM" : "LATEST");
        SalesforceEndpoint endpoint = (SalesforceEndpoint) salesforce.createEndpoint(uri);
        // Set on the endpoint, not in the URI: a replay id is base64, whose '+' a URI would read as a space.
        resumeAfter.ifPresent(endpoint::setPubSubReplayId);
        endpoint.setExceptionHandler(new SubscriptionErrors(channel));
        return endpoint;
    }

    private void unsubscribe(String channel) throws Exception {
        String id = routeId(channel);
        camel.getRouteController().stopRoute(id);
        camel.removeRoute(id);
        log.info("Unsubscribed from change events of {}", channel);
    }

    /** Polls the channel's flows once their read horizon has passed the gap; busy flows are tried next tick. */
    private void healIfDue(String channel, List<String> flows) {
        Optional<Instant> gap = positions.find(channel).flatMap(Position::healAfter);
        if (gap.isEmpty() || clock.instant().isBefore(gap.get().plus(settleLag))) {
            return;
        }
        List<String> runs = new java.util.ArrayList<>();
        for (String flow : flows) {
            try {
                runs.add(launcher.launch(flow, Direction.INBOUND, Mode.INCREMENTAL));
            } catch (FlowBusyException | FlowStoppedException notNow) {
                log.debug("Healing {} of {} waits: {}", flow, channel, notNow.getMessage());
                return;
            }
        }
        streams.healedBy(channel, runs);
        positions.healed(channel, gap.get());
        log.info("Change events of {}: the gap at {} is healed by polling {}", channel, gap.get(), flows);
    }

    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void stop() {
        stopping = true;
    }

    /**
     * The subscription's errors, from the Pub/Sub client's own thread. A refused replay id ends the client's loop
     * of resubscribing with that same id (it would try forever) by throwing; the next tick subscribes from the
     * newest event and heals the gap by polling.
     */
    private final class SubscriptionErrors implements ExceptionHandler {

        private final String channel;

        SubscriptionErrors(String channel) {
            this.channel = channel;
        }

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            if (exception instanceof InvalidReplayIdException refused) {
                log.warn(
                        "Salesforce no longer has replay id {} of {}: the channel starts again from the newest event"
                                + " and its flows poll from their watermarks",
                        refused.getReplayId(),
                        channel);
                replayRefused.add(channel);
                streams.failed(channel, "replay id " + refused.getReplayId() + " refused");
                throw new IllegalStateException("Subscription to " + channel + " ends: its replay id was refused");
            }
            log.error("Change event subscription to {}: {}", channel, message, exception);
        }
    }
}
