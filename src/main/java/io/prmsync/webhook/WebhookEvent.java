package io.prmsync.webhook;

/**
 * One change a sender announced, as kept in the inbox. Only the identity of the record is used: the sync reads
 * the record's current state from its source, so nothing else a payload carries can change data.
 *
 * @param source who sent it ({@link #PRM}, {@link #SALESFORCE}, {@link #OUTBOUND_MESSAGE}); event ids are unique
 *     per source
 * @param entity the PRM entity (PRM events) or the sObject type (Salesforce events)
 * @param recordId the PRM key or the Salesforce id
 * @param operation {@code upsert} or {@code delete}
 * @param signature the signature that authenticated it, so the same request sent again is recognised as a replay
 * @param payload the request as received, for audit; may be null
 */
public record WebhookEvent(
        String source,
        String eventId,
        String entity,
        String recordId,
        String operation,
        String signature,
        String payload) {

    public static final String PRM = "prm";
    public static final String SALESFORCE = "salesforce";
    public static final String OUTBOUND_MESSAGE = "salesforce-outbound-message";
    /** Change Data Capture; such an event's id is the Pub/Sub event id and the record's, as one event names several. */
    public static final String CHANGE_EVENT = "salesforce-change-event";

    public boolean fromSalesforce() {
        return !PRM.equals(source);
    }
}
