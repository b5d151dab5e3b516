package io.prmsync.sandbox.pubsub;

import java.util.List;

/**
 * An object whose record changes are captured, with the fields its change events carry, in schema order.
 *
 * @param name the object's API name, {@code Account} or {@code Foo__c}
 */
public record CdcEntity(String name, List<CdcField> fields) {

    public CdcEntity {
        fields = List.copyOf(fields);
    }

    /** {@code AccountChangeEvent}; a custom object drops the {@code c} of {@code __c}: {@code Foo__ChangeEvent}. */
    String eventName() {
        return (name.endsWith("__c") ? name.substring(0, name.length() - 1) : name) + "ChangeEvent";
    }

    /** The object's own channel, {@code /data/AccountChangeEvent}. */
    String channel() {
        return "/data/" + eventName();
    }
}
