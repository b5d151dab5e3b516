package io.prmsync.sandbox.pubsub;

import java.util.Objects;

/** A field of an object as its change events carry it. */
public record CdcField(String name, FieldKind kind) {

    public CdcField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
