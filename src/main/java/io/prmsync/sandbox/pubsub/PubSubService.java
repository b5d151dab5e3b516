package io.prmsync.sandbox.pubsub;

import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.UUID;

/**
 * The Pub/Sub API's GetTopic, GetSchema and Subscribe over the org's change events. Publish and PublishStream stay
 * UNIMPLEMENTED: change events are published by the org, never by clients.
 */
final class PubSubService extends PubSubGrpc.PubSubImplBase {

    private final ChangeEvents bus;

    PubSubService(ChangeEvents bus) {
        this.bus = bus;
    }

    @Override
    public void getTopic(TopicRequest request, StreamObserver<TopicInfo> out) {
        String topic = request.getTopicName();
        if (!bus.channels().exists(topic)) {
            out.onError(PubSubErrors.topicNotFound(bus.orgId(), topic));
            return;
        }
        out.onNext(TopicInfo.newBuilder()
                .setTopicName(topic)
                .setTenantGuid(bus.orgId())
                .setCanPublish(false)
                .setCanSubscribe(true)
                .setSchemaId(bus.channels()
                        .single(topic)
                        .map(entity -> bus.schemaOf(entity).id())
                        .orElse(""))
                .setRpcId(UUID.randomUUID().toString())
                .build());
        out.onCompleted();
    }

    @Override
    public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> out) {
        ChangeEventSchema schema = bus.schema(request.getSchemaId());
        if (schema == null) {
            out.onError(PubSubErrors.schemaNotFound(request.getSchemaId()));
            return;
        }
        out.onNext(SchemaInfo.newBuilder()
                .setSchemaId(schema.id())
                .setSchemaJson(schema.json())
                .setRpcId(UUID.randomUUID().toString())
                .build());
        out.onCompleted();
    }

    @Override
    public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> responses) {
        ServerCallStreamObserver<FetchResponse> out = (ServerCallStreamObserver<FetchResponse>) responses;
        Subscription subscription = bus.open(out);
        out.setOnCancelHandler(subscription::cancelled);
        return new StreamObserver<>() {
            @Override
            public void onNext(FetchRequest request) {
                subscription.request(request);
            }

            @Override
            public void onError(Throwable error) {
                subscription.cancelled();
            }

            @Override
            public void onCompleted() {
                subscription.complete();
            }
        };
    }
}
