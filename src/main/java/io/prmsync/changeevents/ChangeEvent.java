package io.prmsync.changeevents;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Change Data Capture event as the service uses it: which records of which object changed how, who committed
 * the change, and, for an update, the values it changed. Only the identity of the records moves data: they are read
 * again from Salesforce by id, as webhook events are.
 *
 * @param eventId the event's id (unique per event)
 * @param replayId base64 replay id, where a subscription resumes after this event
 * @param entity the sObject, as {@code ChangeEventHeader.entityName} names it
 * @param changeType CREATE, UPDATE, DELETE, UNDELETE, or a {@code GAP_*} type (the payload could not be produced;
 *     the records changed in an unknown way)
 * @param commitUser the user whose transaction made the change
 * @param changedValues for an update, the fields the change set to a value, by API name
 * @param nulledFields fields the change emptied
 */
public record ChangeEvent(
        String eventId,
        String replayId,
        String entity,
        String changeType,
        List<String> recordIds,
        String commitUser,
        String changeOrigin,
        Instant commitTime,
        Map<String, Object> changedValues,
        List<String> nulledFields) {

    public ChangeEvent {
        recordIds = List.copyOf(recordIds);
        nulledFields = List.copyOf(nulledFields);
    }

    /** What stands for an event that could not be read: a gap of unknown records, healed by polling. */
    static ChangeEvent unreadable(String eventId, String replayId, Instant receivedAt) {
        return new ChangeEvent(
                eventId,
                replayId,
                "(unreadable)",
                "GAP_UNREADABLE",
                List.of(),
                null,
                null,
                receivedAt,
                Map.of(),
                List.of());
    }

    /** GAP_CREATE … GAP_OVERFLOW: something changed that the event cannot tell; only a poll finds out what. */
    public boolean isGap() {
        return changeType.startsWith("GAP_");
    }

    public boolean isDelete() {
        return changeType.equals("DELETE");
    }

    public boolean isUpdate() {
        return changeType.equals("UPDATE");
    }
}
