package io.prmsync.sandbox.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The event bus: every change event in publishing order, each at a position that only grows, kept for the
 * retention period measured on the org's clock. Position 0 stands before the first event.
 */
final class EventLog {

    static final Duration DEFAULT_RETENTION = Duration.ofHours(72);
    /**
     * Most events kept, whatever their age: a simulator inside a benchmark's JVM must not grow with every write. An
     * event pushed out is lost as one past the retention period is (its replay id is refused).
     */
    static final int MAX_EVENTS = 100_000;

    record Stored(
            long position, Set<String> channels, String schemaId, byte[] payload, String eventId, Instant committed) {}

    /** Events after a position, and the newest position the channel has issued. */
    record Batch(List<Stored> events, long tip) {}

    private final Supplier<Instant> now;
    private final LinkedList<Stored> events = new LinkedList<>();
    private final Map<String, Long> tips = new HashMap<>();
    private final Set<String> channelsThatLostEvents = new HashSet<>();
    private long lastPosition;
    private Duration retention = DEFAULT_RETENTION;

    EventLog(Supplier<Instant> now) {
        this.now = now;
    }

    synchronized void retention(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + period);
        }
        retention = period;
    }

    synchronized Stored append(
            Set<String> channels, String schemaId, byte[] payload, String eventId, Instant committed) {
        Stored event = new Stored(++lastPosition, Set.copyOf(channels), schemaId, payload, eventId, committed);
        events.add(event);
        channels.forEach(channel -> tips.put(channel, event.position()));
        if (events.size() > MAX_EVENTS) {
            channelsThatLostEvents.addAll(events.removeFirst().channels());
        }
        return event;
    }

    /** Up to {@code max} retained events of the channel after {@code position}, oldest first. */
    synchronized Batch read(String channel, long position, int max) {
        purge();
        List<Stored> found = new ArrayList<>();
        for (Stored event : events) {
            if (found.size() == max) {
                break;
            }
            if (event.position() > position && event.channels().contains(channel)) {
                found.add(event);
            }
        }
        return new Batch(found, tip(channel));
    }

    synchronized long tip(String channel) {
        return tips.getOrDefault(channel, 0L);
    }

    /**
     * A subscriber may resume after a retained event of the channel, or from the channel's very beginning while
     * none of its events has expired yet; every other position is refused, as Salesforce refuses a replay id it
     * no longer holds.
     */
    synchronized boolean canResumeAfter(String channel, long position) {
        purge();
        if (position == 0) {
            return !channelsThatLostEvents.contains(channel);
        }
        return events.stream()
                .anyMatch(e -> e.position() == position && e.channels().contains(channel));
    }

    synchronized void expireAll() {
        events.forEach(e -> channelsThatLostEvents.addAll(e.channels()));
        events.clear();
    }

    private void purge() {
        Instant oldestKept = now.get().minus(retention);
        Iterator<Stored> it = events.iterator();
        while (it.hasNext()) {
            Stored event = it.next();
            if (!event.committed().isAfter(oldestKept)) {
                channelsThatLostEvents.addAll(event.channels());
                it.remove();
            }
        }
    }
}
