package io.prmsync.sandbox.pubsub;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The change event channels: one per object ({@code /data/AccountChangeEvent}), the standard
 * {@code /data/ChangeEvents} carrying every object selected for Change Data Capture, and custom channels
 * ({@code /data/Name__chn}) carrying the objects they were defined with. As in Salesforce, an object publishes
 * nothing until it is selected (Setup) or made a member of a custom channel; its channel can still be subscribed to.
 */
final class Channels {

    static final String ALL = "/data/ChangeEvents";
    private static final Pattern CUSTOM = Pattern.compile("/data/[A-Za-z][A-Za-z0-9_]*__chn");

    private final Map<String, CdcEntity> entities = new LinkedHashMap<>();
    private final Map<String, CdcEntity> byChannel = new LinkedHashMap<>();
    private final Map<String, Set<String>> custom = new ConcurrentHashMap<>();
    /** The objects selected in Setup > Change Data Capture: they publish to their own channel and to ALL. */
    private final Set<String> selected = ConcurrentHashMap.newKeySet();

    Channels(Collection<CdcEntity> all) {
        all.forEach(entity -> {
            entities.put(entity.name(), entity);
            byChannel.put(entity.channel(), entity);
        });
    }

    void define(String channel, List<String> members) {
        if (channel == null || !CUSTOM.matcher(channel).matches()) {
            throw new IllegalArgumentException("a custom channel is named /data/<Name>__chn: " + channel);
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a channel needs at least one object: " + channel);
        }
        members.forEach(this::entity);
        custom.put(channel, Set.copyOf(members));
    }

    void select(List<String> objects) {
        objects.forEach(this::entity);
        selected.addAll(objects);
    }

    /** Whether a change of the object makes an event at all: selected, or a member of a custom channel. */
    boolean publishes(String entityName) {
        return selected.contains(entityName)
                || custom.values().stream().anyMatch(members -> members.contains(entityName));
    }

    boolean exists(String channel) {
        return ALL.equals(channel) || byChannel.containsKey(channel) || custom.containsKey(channel);
    }

    CdcEntity entity(String name) {
        CdcEntity entity = entities.get(name);
        if (entity == null) {
            throw new IllegalArgumentException("no change events for unknown object " + name);
        }
        return entity;
    }

    /** The channels an event of the object goes to now. */
    Set<String> of(String entityName) {
        Set<String> channels = new LinkedHashSet<>();
        if (selected.contains(entity(entityName).name())) {
            channels.add(entity(entityName).channel());
            channels.add(ALL);
        }
        custom.forEach((channel, members) -> {
            if (members.contains(entityName)) {
                channels.add(channel);
            }
        });
        return channels;
    }

    /** The one object a channel carries, whose schema its topic info names; empty for a channel of several. */
    Optional<CdcEntity> single(String channel) {
        if (byChannel.containsKey(channel)) {
            return Optional.of(byChannel.get(channel));
        }
        Set<String> members = custom.getOrDefault(channel, Set.of());
        return members.size() == 1 ? Optional.of(entities.get(members.iterator().next())) : Optional.empty();
    }
}
