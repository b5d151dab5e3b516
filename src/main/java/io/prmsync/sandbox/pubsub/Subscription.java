package io.prmsync.sandbox.pubsub;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One Subscribe stream. The first FetchRequest names the topic and where to start; every FetchRequest adds to the
 * events the client asked for, and the stream never delivers more than that. Thread-safe: the gRPC threads and the
 * dispatcher take turns on its lock.
 */
final class Subscription {

    /** Salesforce counts at most 100 requested events per Subscribe call, however many the client asks for. */
    static final int MAX_PENDING = 100;

    private final ServerCallStreamObserver<FetchResponse> out;
    private final ChangeEvents bus;
    private final String rpcId = UUID.randomUUID().toString();
    private String channel;
    private long position;
    private int pending;
    private boolean closed;

    Subscription(ServerCallStreamObserver<FetchResponse> out, ChangeEvents bus) {
        this.out = out;
        this.bus = bus;
    }

    synchronized void request(FetchRequest request) {
        if (closed) {
            return;
        }
        if (request.getNumRequested() <= 0) {
            fail(PubSubErrors.requestedEventsInvalid());
            return;
        }
        if (channel == null && !start(request)) {
            return;
        }
        pending = Math.min(MAX_PENDING, pending + request.getNumRequested());
        deliver();
    }

    /** Sends what the client asked for and the bus holds, if anything. */
    synchronized void deliver() {
        if (closed || channel == null || pending == 0) {
            return;
        }
        EventLog.Batch batch = bus.log().read(channel, position, pending);
        if (batch.events().isEmpty()) {
            // Nothing retained lies between here and the channel's newest event: move up to it, as Salesforce
            // tightens a subscription's replay id past events it will never deliver.
            position = Math.max(position, batch.tip());
            return;
        }
        FetchResponse.Builder response = FetchResponse.newBuilder().setRpcId(rpcId);
        for (EventLog.Stored event : batch.events()) {
            response.addEvents(ConsumerEvent.newBuilder()
                    .setEvent(ProducerEvent.newBuilder()
                            .setId(event.eventId())
                            .setSchemaId(event.schemaId())
                            .setPayload(ByteString.copyFrom(event.payload())))
                    .setReplayId(ReplayIds.of(event.position())));
            position = event.position();
        }
        pending -= batch.events().size();
        out.onNext(response.setLatestReplayId(ReplayIds.of(position))
                .setPendingNumRequested(pending)
                .build());
        bus.counted(batch.events().size());
    }

    /** An empty response, so a client waiting for events knows the stream is alive and where it stands. */
    synchronized void keepAlive() {
        if (closed || channel == null || pending == 0) {
            return;
        }
        out.onNext(FetchResponse.newBuilder()
                .setRpcId(rpcId)
                .setLatestReplayId(ReplayIds.of(position))
                .setPendingNumRequested(pending)
                .build());
    }

    synchronized void fail(StatusRuntimeException error) {
        if (!closed) {
            closed = true;
            bus.forget(this);
            out.onError(error);
        }
    }

    /** The client half-closed: the server ends its side too. */
    synchronized void complete() {
        if (!closed) {
            closed = true;
            bus.forget(this);
            out.onCompleted();
        }
    }

    synchronized boolean started() {
        return channel != null && !closed;
    }

    synchronized void cancelled() {
        closed = true;
        bus.forget(this);
    }

    private boolean start(FetchRequest request) {
        String topic = request.getTopicName();
        if (!bus.channels().exists(topic)) {
            fail(PubSubErrors.topicNotFound(bus.orgId(), topic));
            return false;
        }
        switch (request.getReplayPreset()) {
            case LATEST -> position = bus.log().tip(topic);
            case EARLIEST -> position = 0;
            case CUSTOM -> {
                if (request.getReplayId().isEmpty()) {
                    fail(PubSubErrors.replayIdMissing());
                    return false;
                }
                OptionalLong after = ReplayIds.position(request.getReplayId());
                if (after.isEmpty() || !bus.log().canResumeAfter(topic, after.getAsLong())) {
                    fail(PubSubErrors.replayIdCorrupted());
                    return false;
                }
                position = after.getAsLong();
            }
            default -> {
                fail(PubSubErrors.replayIdMissing());
                return false;
            }
        }
        channel = topic;
        return true;
    }
}
