package io.prmsync.sandbox.pubsub;

/** The values of {@code ChangeEventHeader.changeType}, in the order Salesforce's Avro enum lists them. */
public enum ChangeType {
    CREATE,
    UPDATE,
    DELETE,
    UNDELETE,
    GAP_CREATE,
    GAP_UPDATE,
    GAP_DELETE,
    GAP_UNDELETE,
    GAP_OVERFLOW;

    /** The gap event Salesforce sends instead when it cannot give a change's field values. */
    ChangeType gap() {
        return switch (this) {
            case CREATE -> GAP_CREATE;
            case UPDATE -> GAP_UPDATE;
            case DELETE -> GAP_DELETE;
            case UNDELETE -> GAP_UNDELETE;
            default -> this;
        };
    }
}
