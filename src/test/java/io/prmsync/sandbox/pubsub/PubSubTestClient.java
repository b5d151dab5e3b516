package io.prmsync.sandbox.pubsub;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/** A bare Pub/Sub API client for tests: the metadata the Camel client sends, and a recording Subscribe stream. */
public final class PubSubTestClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final PubSubGrpc.PubSubStub async;
    private final PubSubGrpc.PubSubBlockingStub blocking;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private PubSubTestClient(ManagedChannel channel, Metadata metadata) {
        this.channel = channel;
        this.async = PubSubGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
        this.blocking = PubSubGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    public static PubSubTestClient loggedIn(SalesforceSimulator simulator) {
        return withCredentials(simulator, login(simulator), SalesforceSimulator.ORG_ID);
    }

    public static PubSubTestClient withCredentials(SalesforceSimulator simulator, String token, String tenantId) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER), token);
        metadata.put(Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER), simulator.baseUrl());
        metadata.put(Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER), tenantId);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", simulator.pubSubPort())
                .usePlaintext()
                .build();
        return new PubSubTestClient(channel, metadata);
    }

    /** An access token from the simulator's username-password flow. */
    public static String login(SalesforceSimulator simulator) {
        SimulatorSettings s = SimulatorSettings.defaults();
        String form = Map.of(
                        "grant_type", "password",
                        "client_id", s.clientId(),
                        "client_secret", s.clientSecret(),
                        "username", s.username(),
                        "password", s.password())
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> reply = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/services/oauth2/token"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(reply.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public PubSubGrpc.PubSubBlockingStub blocking() {
        return blocking;
    }

    public Stream subscribe(String topic, ReplayPreset preset, ByteString replayId, int numRequested) {
        Stream stream = new Stream();
        stream.requests = async.subscribe(stream);
        FetchRequest.Builder first = FetchRequest.newBuilder()
                .setTopicName(topic)
                .setReplayPreset(preset)
                .setNumRequested(numRequested);
        if (replayId != null) {
            first.setReplayId(replayId);
        }
        stream.requests.onNext(first.build());
        return stream;
    }

    /** The event's payload decoded with the schema GetSchema serves for it. */
    public GenericRecord decode(ConsumerEvent event) {
        Schema schema = schemas.computeIfAbsent(
                event.getEvent().getSchemaId(),
                id -> new Schema.Parser()
                        .parse(blocking.getSchema(SchemaRequest.newBuilder()
                                        .setSchemaId(id)
                                        .build())
                                .getSchemaJson()));
        try {
            return new GenericDatumReader<GenericRecord>(schema)
                    .read(
                            null,
                            DecoderFactory.get()
                                    .binaryDecoder(event.getEvent().getPayload().toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One Subscribe call: what the server sent, and a way to ask for more. */
    public static final class Stream implements StreamObserver<FetchResponse> {

        private final List<FetchResponse> responses = new CopyOnWriteArrayList<>();
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        private final AtomicBoolean completed = new AtomicBoolean();
        private StreamObserver<FetchRequest> requests;

        public void request(int events) {
            requests.onNext(FetchRequest.newBuilder().setNumRequested(events).build());
        }

        public void halfClose() {
            requests.onCompleted();
        }

        public List<FetchResponse> responses() {
            return responses;
        }

        public List<ConsumerEvent> events() {
            List<ConsumerEvent> events = new ArrayList<>();
            responses.forEach(r -> events.addAll(r.getEventsList()));
            return events;
        }

        public List<ConsumerEvent> awaitEvents(int count) {
            await().atMost(Duration.ofSeconds(10)).until(() -> events().size() >= count || error.get() != null);
            return events();
        }

        public Throwable awaitError() {
            await().atMost(Duration.ofSeconds(10)).until(() -> error.get() != null);
            return error.get();
        }

        public boolean completed() {
            return completed.get();
        }

        @Override
        public void onNext(FetchResponse response) {
            responses.add(response);
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
        }

        @Override
        public void onCompleted() {
            completed.set(true);
        }
    }
}
