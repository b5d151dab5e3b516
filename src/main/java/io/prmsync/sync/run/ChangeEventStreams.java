package io.prmsync.sync.run;

import io.prmsync.config.ChangeEventProperties;
import io.prmsync.mapping.RecordMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Change Data Capture channels the mappings subscribe to, which flows each one triggers, and how each stream is
 * doing on this node. While a flow's channel streams, the flow's scheduled poll becomes a safety net that runs every
 * {@code prm-sync.change-events.safety-net-period} instead of every period: polling still catches what no event told
 * of (a field the channel does not carry, an event lost in a gap nobody reported).
 */
@Component
public class ChangeEventStreams {

    public enum State {
        /** Subscribed; no event or keep-alive confirmed the stream yet. */
        STARTING,
        /** Events arrive. */
        STREAMING,
        /** Not subscribed on this node: another node holds the channel, or the service is stopping. */
        NOT_HERE,
        /** The subscription failed; the supervisor subscribes again. */
        FAILED
    }

    /**
     * @param lastEventAt when Salesforce committed the change of the last event taken here
     * @param lastReceivedAt when this node took that event
     * @param note why the state is what it is, for the admin
     * @param lastHealRuns the polls this node started last to heal a gap of the channel
     */
    public record ChannelStatus(
            String channel,
            List<String> flows,
            State state,
            Optional<Instant> lastEventAt,
            Optional<Instant> lastReceivedAt,
            long events,
            long echoesSkipped,
            long gaps,
            String note,
            List<String> lastHealRuns) {

        /** How far behind Salesforce the stream is: now minus the commit time of the last event taken. */
        public Optional<Duration> lag(Instant now) {
            return lastEventAt.map(at -> Duration.between(at, now));
        }
    }

    private static final class Stream {
        volatile State state = State.NOT_HERE;
        volatile String note = "not subscribed yet";
        volatile Instant lastEventAt;
        volatile Instant lastReceivedAt;
        final AtomicLong events = new AtomicLong();
        final AtomicLong echoes = new AtomicLong();
        final AtomicLong gaps = new AtomicLong();
        volatile List<String> healRuns = List.of();
    }

    private final Map<String, List<String>> flowsByChannel;
    private final Map<String, String> objectOfFlow;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastScheduledPoll = new ConcurrentHashMap<>();
    private final Duration safetyNet;
    private final Clock clock;

    @Autowired
    ChangeEventStreams(SyncFlows flows, ChangeEventProperties properties, Clock clock) {
        this(properties.enabled() ? channels(flows) : Map.of(), objects(flows), properties.safetyNetPeriod(), clock);
    }

    ChangeEventStreams(
            Map<String, List<String>> flowsByChannel,
            Map<String, String> objectOfFlow,
            Duration safetyNet,
            Clock clock) {
        this.flowsByChannel = java.util.Collections.unmodifiableMap(new TreeMap<>(flowsByChannel));
        this.objectOfFlow = Map.copyOf(objectOfFlow);
        this.safetyNet = safetyNet;
        this.clock = clock;
        flowsByChannel.keySet().forEach(channel -> streams.put(channel, new Stream()));
    }

    private static Map<String, String> objects(SyncFlows flows) {
        Map<String, String> objects = new TreeMap<>();
        flows.names()
                .forEach(flow -> objects.put(flow, flows.mapper(flow).mapping().sObject()));
        return objects;
    }

    private static Map<String, List<String>> channels(SyncFlows flows) {
        Map<String, List<String>> byChannel = new TreeMap<>();
        for (String flow : flows.names()) {
            RecordMapper mapper = flows.mapper(flow);
            mapper.mapping()
                    .changeEvents()
                    .ifPresent(channel -> byChannel
                            .computeIfAbsent(channel, c -> new ArrayList<>())
                            .add(flow));
        }
        byChannel.replaceAll((channel, names) -> List.copyOf(flows.parentsFirst(names)));
        return byChannel;
    }

    /** Every channel some mapping subscribes to, with its flows parents first. */
    public Map<String, List<String>> channels() {
        return flowsByChannel;
    }

    /** The flows of the channel that read the object an event is about. */
    public List<String> flowsOf(String channel, String sObject) {
        return flowsByChannel.getOrDefault(channel, List.of()).stream()
                .filter(flow -> objectOfFlow.getOrDefault(flow, "").equalsIgnoreCase(sObject))
                .toList();
    }

    public void subscribed(String channel, String note) {
        Stream stream = stream(channel);
        stream.state = State.STARTING;
        stream.note = note;
    }

    public void received(String channel, Instant eventAt) {
        Stream stream = stream(channel);
        stream.state = State.STREAMING;
        stream.note = "streaming";
        stream.lastEventAt = eventAt;
        stream.lastReceivedAt = clock.instant();
        stream.events.incrementAndGet();
    }

    public void echoSkipped(String channel) {
        stream(channel).echoes.incrementAndGet();
    }

    public void gap(String channel) {
        stream(channel).gaps.incrementAndGet();
    }

    /** The polls started to heal the channel's last gap. */
    public void healedBy(String channel, List<String> runIds) {
        stream(channel).healRuns = List.copyOf(runIds);
    }

    public void notHere(String channel, String note) {
        Stream stream = stream(channel);
        stream.state = State.NOT_HERE;
        stream.note = note;
    }

    public void failed(String channel, String note) {
        Stream stream = stream(channel);
        stream.state = State.FAILED;
        stream.note = note;
    }

    public State state(String channel) {
        return stream(channel).state;
    }

    /**
     * Whether a scheduled tick of the flow's inbound poll should run now, and if so notes that it ran: always when
     * the flow has no healthy stream on this node, else once per safety-net period.
     */
    public boolean takeScheduledPoll(String flow) {
        Optional<String> channel = channelOf(flow);
        // Only a stream events came through counts: a subscription Salesforce never answers (a channel that does
        // not exist) stays STARTING, and its flow keeps its own schedule.
        boolean streaming = channel.map(c -> stream(c).state == State.STREAMING).orElse(false);
        Instant now = clock.instant();
        Instant last = lastScheduledPoll.get(flow);
        if (streaming && last != null && Duration.between(last, now).compareTo(safetyNet) < 0) {
            return false;
        }
        lastScheduledPoll.put(flow, now);
        return true;
    }

    private Optional<String> channelOf(String flow) {
        return flowsByChannel.entrySet().stream()
                .filter(entry -> entry.getValue().contains(flow))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    public List<ChannelStatus> status() {
        return flowsByChannel.entrySet().stream()
                .map(entry -> {
                    Stream stream = stream(entry.getKey());
                    return new ChannelStatus(
                            entry.getKey(),
                            entry.getValue(),
                            stream.state,
                            Optional.ofNullable(stream.lastEventAt),
                            Optional.ofNullable(stream.lastReceivedAt),
                            stream.events.get(),
                            stream.echoes.get(),
                            stream.gaps.get(),
                            stream.note,
                            stream.healRuns);
                })
                .toList();
    }

    private Stream stream(String channel) {
        Stream stream = streams.get(channel);
        if (stream == null) {
            throw new IllegalArgumentException("No mapping subscribes to change event channel " + channel);
        }
        return stream;
    }
}
