package io.prmsync.changeevents;

import io.prmsync.mapping.RecordMapper;
import io.prmsync.salesforce.SalesforceGateway;
import io.prmsync.store.ChangeEventPositions;
import io.prmsync.store.PrmRecords;
import io.prmsync.store.SyncStateRepository;
import io.prmsync.sync.run.ChangeEventStreams;
import io.prmsync.sync.run.SyncFlows;
import io.prmsync.webhook.WebhookEvent;
import io.prmsync.webhook.WebhookInbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the change events of a subscription, one at a time in replay order: the records each names go into the
 * webhook inbox (whose drain reads them by id through their flows, many records of a flow in one run), and the
 * channel's position moves past the event in the same transaction, so no restart skips an event whose records are
 * not safe. A gap or overflow event marks the channel for healing by polling instead. The service's own writes
 * coming back are recognised and cost nothing.
 *
 * <p>An event that cannot be taken (the store is down, say) stops the channel's intake: events after it are left
 * alone, the stream is marked failed, and the supervisor subscribes again from the stored position, so the failed
 * event comes again.
 */
@Component("changeEventIntake")
public class ChangeEventIntake {

    private static final Logger log = LoggerFactory.getLogger(ChangeEventIntake.class);

    private final ChangeEventStreams streams;
    private final SyncFlows flows;
    private final ChangeEventPositions positions;
    private final WebhookInbox inbox;
    private final EchoCheck echoes;
    private final SalesforceGateway salesforce;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ChangeEventIntake(
            ChangeEventStreams streams,
            SyncFlows flows,
            ChangeEventPositions positions,
            WebhookInbox inbox,
            SyncStateRepository states,
            PrmRecords rows,
            SalesforceGateway salesforce,
            TransactionTemplate transaction,
            Clock clock) {
        this.streams = streams;
        this.flows = flows;
        this.positions = positions;
        this.inbox = inbox;
        this.echoes = new EchoCheck(states, rows);
        this.salesforce = salesforce;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** One event of the channel's subscription, as the Pub/Sub API delivered it. */
    public void take(String channel, GenericRecord body, String replayId, String eventId) {
        if (streams.state(channel) == ChangeEventStreams.State.FAILED) {
            // The subscription is about to start again from the stored position; this event comes again then.
            return;
        }
        try {
            ChangeEvent event = decode(channel, body, replayId, eventId);
            int stored = transaction.execute(status -> record(channel, event));
            streams.received(channel, event.commitTime() != null ? event.commitTime() : clock.instant());
            if (stored > 0) {
                inbox.wake();
            }
        } catch (RuntimeException e) {
            log.error(
                    "Change event {} (replay id {}) of {} could not be taken; the channel subscribes again from its"
                            + " stored position: {}",
                    eventId,
                    replayId,
                    channel,
                    e.toString(),
                    e);
            streams.failed(channel, "event " + eventId + " could not be taken: " + e.getMessage());
        }
    }

    /**
     * An event the service cannot read would come again, and fail again, on every subscription from the stored
     * position: it is taken as a gap instead, so the channel's flows poll and the stream goes on past it.
     */
    private ChangeEvent decode(String channel, GenericRecord body, String replayId, String eventId) {
        try {
            return ChangeEventDecoder.decode(body, replayId, eventId);
        } catch (IllegalArgumentException unreadable) {
            log.warn(
                    "{} sent an event that is not a change event; it is taken as a gap: {}",
                    channel,
                    unreadable.getMessage());
            return ChangeEvent.unreadable(eventId, replayId, clock.instant());
        }
    }

    private int record(String channel, ChangeEvent event) {
        Instant now = clock.instant();
        Instant eventAt = event.commitTime() != null ? event.commitTime() : now;
        int stored = 0;
        if (event.isGap()) {
            log.warn(
                    "Change event {} of {} is a {} for {} record(s) of {}: the channel's flows poll from their"
                            + " watermarks",
                    event.eventId(),
                    channel,
                    event.changeType(),
                    event.recordIds().size(),
                    event.entity());
            positions.requestHeal(channel, eventAt, now);
            streams.gap(channel);
        } else {
            List<String> eventFlows = streams.flowsOf(channel, event.entity());
            if (!eventFlows.isEmpty()) {
                stored = inbox.store(inboxEvents(channel, event, eventFlows), now);
            }
        }
        positions.advance(channel, event.replayId(), eventAt, now);
        return stored;
    }

    private List<WebhookEvent> inboxEvents(String channel, ChangeEvent event, List<String> eventFlows) {
        List<RecordMapper> mappers = eventFlows.stream().map(flows::mapper).toList();
        Optional<String> self = salesforce.integrationUserId();
        List<WebhookEvent> events = new ArrayList<>();
        for (String recordId : event.recordIds()) {
            if (mappers.stream().allMatch(mapper -> echoes.isEcho(event, recordId, mapper, self))) {
                streams.echoSkipped(channel);
                continue;
            }
            events.add(new WebhookEvent(
                    WebhookEvent.CHANGE_EVENT,
                    event.eventId() + "/" + recordId,
                    event.entity(),
                    recordId,
                    event.isDelete() ? "delete" : "upsert",
                    null,
                    null));
        }
        return events;
    }
}
