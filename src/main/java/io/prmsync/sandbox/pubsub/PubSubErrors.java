package io.prmsync.sandbox.pubsub;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;

/**
 * Pub/Sub API failures as Salesforce sends them: a gRPC status whose description ends in {@code rpcId: <id>}, and
 * the cause in the {@code error-code} trailer, which clients such as Camel's branch on.
 */
final class PubSubErrors {

    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> RPC_ID = Metadata.Key.of("rpc-id", Metadata.ASCII_STRING_MARSHALLER);

    static final String AUTH_ERROR = "sfdc.platform.eventbus.grpc.service.auth.error";
    static final String REPLAY_ID_CORRUPTED = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";
    static final String REPLAY_ID_VALIDATION_FAILED =
            "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed";
    static final String REQUESTED_EVENTS_INVALID =
            "sfdc.platform.eventbus.grpc.subscription.fetch.requested.events.invalid";
    // Assumed: the message and NOT_FOUND status are what real orgs answer for an unknown topic, the code is not
    // documented where we could read it.
    static final String TOPIC_NOT_FOUND = "sfdc.platform.eventbus.grpc.topic.notfound";
    static final String SCHEMA_NOT_FOUND = "sfdc.platform.eventbus.grpc.schema.notfound";

    private PubSubErrors() {}

    static StatusRuntimeException authError() {
        return of(
                Status.Code.UNAUTHENTICATED,
                AUTH_ERROR,
                "An authentication exception occurred. Provide valid authentication via metadata headers.");
    }

    static StatusRuntimeException topicNotFound(String orgId, String topic) {
        return of(
                Status.Code.NOT_FOUND,
                TOPIC_NOT_FOUND,
                "The topic information for org " + orgId + " and topic " + topic
                        + " not found. Ensure the topic name is correct and that the topic exists.");
    }

    static StatusRuntimeException schemaNotFound(String schemaId) {
        return of(Status.Code.NOT_FOUND, SCHEMA_NOT_FOUND, "The schema " + schemaId + " was not found.");
    }

    /** Salesforce's code both for a malformed replay id and for one outside the retention window. */
    static StatusRuntimeException replayIdCorrupted() {
        return of(Status.Code.INVALID_ARGUMENT, REPLAY_ID_CORRUPTED, "The Replay ID validation failed.");
    }

    static StatusRuntimeException replayIdMissing() {
        return of(
                Status.Code.INVALID_ARGUMENT,
                REPLAY_ID_VALIDATION_FAILED,
                "The replay_preset field in FetchRequest is set to ReplayPreset.CUSTOM, but no Replay ID value is set");
    }

    static StatusRuntimeException requestedEventsInvalid() {
        return of(
                Status.Code.INVALID_ARGUMENT,
                REQUESTED_EVENTS_INVALID,
                "The requested number of events in a fetch request must be greater than zero");
    }

    /** A stream cut by the server, as a lost connection looks: no error code, so clients simply resubscribe. */
    static StatusRuntimeException streamReset() {
        return Status.UNAVAILABLE.withDescription("RST_STREAM closed stream").asRuntimeException();
    }

    private static StatusRuntimeException of(Status.Code code, String errorCode, String message) {
        String rpcId = UUID.randomUUID().toString();
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, errorCode);
        trailers.put(RPC_ID, rpcId);
        return Status.fromCode(code)
                .withDescription(message + " rpcId: " + rpcId)
                .asRuntimeException(trailers);
    }
}
