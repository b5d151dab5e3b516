package io.prmsync.sandbox.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatedOrg;
import io.prmsync.sandbox.SimulatorSettings;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The simulator's Pub/Sub API seen by a bare gRPC client: the protocol rules the Camel client relies on. */
class PubSubApiTest {

    private static final String ACCOUNTS = "/data/AccountChangeEvent";
    private static final Metadata.Key<String> ERROR_CODE =
            Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);

    private SalesforceSimulator simulator;
    private SimulatedOrg org;
    private PubSubTestClient client;

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        simulator.changeEvents().selectEntities("Account", "Lead");
        org = simulator.org();
        client = PubSubTestClient.loggedIn(simulator);
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.close();
        simulator.close();
    }

    private List<String> insertAccounts(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(org.insert("Account", Map.of("Name", "Partner " + i)));
        }
        return ids;
    }

    private void awaitSubscribed(int streams) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.changeEvents().openStreams() == streams);
    }

    private static String errorCode(Throwable error) {
        return ((StatusRuntimeException) error).getTrailers().get(ERROR_CODE);
    }

    private static Status.Code status(Throwable error) {
        return ((StatusRuntimeException) error).getStatus().getCode();
    }

    @Nested
    class FlowControl {

        @Test
        void neverSendsMoreEventsThanTheClientAskedFor() {
            insertAccounts(5);
            simulator.changeEvents().keepAliveEvery(Duration.ofMillis(50));

            PubSubTestClient.Stream stream = client.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null, 2);

            assertThat(stream.awaitEvents(2)).hasSize(2);
            FetchResponse first = stream.responses().get(0);
            assertThat(first.getPendingNumRequested()).isZero();
            assertThat(first.getLatestReplayId()).isEqualTo(first.getEvents(1).getReplayId());
            // Keep-alives go only to a client that waits for events: with nothing requested the stream stays quiet.
            await().during(Duration.ofMillis(400))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> stream.responses().size() == 1);

            stream.request(2);
            assertThat(stream.awaitEvents(4)).hasSize(4);
            stream.request(5);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> stream.responses().stream().anyMatch(r -> r.getEventsCount() == 0));
            assertThat(stream.events()).hasSize(5);
            assertThat(stream.responses().get(stream.responses().size() - 1).getPendingNumRequested())
                    .isEqualTo(4);
        }

        @Test
        void countsAtMostOneHundredRequestedEventsAtATime() {
            insertAccounts(130);

            PubSubTestClient.Stream stream = client.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null, 150);

            assertThat(stream.awaitEvents(100)).hasSize(100);
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> stream.events().size() == 100);
            assertThat(stream.responses().get(stream.responses().size() - 1).getPendingNumRequested())
                    .isZero();
            assertThat(simulator.changeEvents().eventsDelivered()).isEqualTo(100);
        }

        @Test
        void refusesARequestForNoEvents() {
            PubSubTestClient.Stream stream = client.subscribe(ACCOUNTS, ReplayPreset.LATEST, null, 0);

            Throwable error = stream.awaitError();
            assertThat(status(error)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(errorCode(error))
                    .isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.requested.events.invalid");
        }

        @Test
        void keepAlivesCarryTheLatestReplayIdAndWhatIsStillPending() {
            insertAccounts(1);
            simulator.changeEvents().keepAliveEvery(Duration.ofMillis(50));
            PubSubTestClient.Stream earliest = client.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null, 3);
            ByteString replayId = earliest.awaitEvents(1).get(0).getReplayId();

            PubSubTestClient.Stream latest = client.subscribe(ACCOUNTS, ReplayPreset.LATEST, null, 3);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !latest.responses().isEmpty());
            FetchResponse keepAlive = latest.responses().get(0);
            assertThat(keepAlive.getEventsList()).isEmpty();
            assertThat(keepAlive.getPendingNumRequested()).isEqualTo(3);
            assertThat(keepAlive.getLatestReplayId()).isEqualTo(replayId);
        }

        @Test
        void aClientHalfCloseEndsTheStream() {
            PubSubTestClient.Stream stream = client.subscribe(ACCOUNTS, ReplayPreset.LATEST, null, 1);
            awaitSubscribed(1);

            stream.halfClose();

            await().atMost(Duration.ofSeconds(5)).until(stream::completed);
            assertThat(simulator.changeEvents().openStreams()).isZero();
        }
    }

    @Nested
    class Replay {

        @Test
        void customDeliversOnlyEventsAfterTheReplayId() {
            List<String> ids = insertAccounts(3);
            ByteString second = client.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null, 3)
                    .awaitEvents(3)
                    .get(1)
                    .getReplayId();

            List<ConsumerEvent> replayed =
                    client.subscribe(ACCOUNTS, ReplayPreset.CUSTOM, second, 10).awaitEvents(1);

            assertThat(replayed).hasSize(1);
            assertThat(client.decode(replayed.get(0)).get("ChangeEventHeader").toString())
                    .contains(ids.get(2));
        }

        @Test
        void replayIdsGrowWithinAChannel() {
            insertAccounts(3);
            List<BigInteger> ids = client.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null, 3).awaitEvents(3).stream()
                    .map(e -> new BigInteger(1, e.getReplayId().toByteArray()))
                    .toList();

            assertThat(ids).isSorted().doesNotHaveDuplicates();
        }

        @Test
        void aMalformedReplayIdIsCorrupted() {
            Throwable error = client.subscribe(ACCOUNTS, ReplayPreset.CUSTOM, ByteString.copyFromUtf8("abc"), 1)
                    .awaitError();

            assertThat(status(error)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(errorCode(error)).isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
        }

        @Test
        void aReplayIdNeverIssuedIsCorrupted() {
            insertAccounts(1);
            ByteString issued = client.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null, 1)
                    .awaitEvents(1)
                    .get(0)
                    .getReplayId();
            byte[] later = issued.toByteArray();
            later[7] += 40;

            Throwable error = client.subscribe(ACCOUNTS, ReplayPreset.CUSTOM, ByteString.copyFrom(later), 1)
                    .awaitError();

            assertThat(errorCode(error)).isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
        }

        @Test
        void eventsExpireAfterTheRetentionPeriodOnTheOrgsClock() {
            insertAccounts(1);
            ByteString replayId = client.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null, 1)
                    .awaitEvents(1)
                    .get(0)
                    .getReplayId();

            org.useClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(72).plusMinutes(1)));

            Throwable error =
                    client.subscribe(ACCOUNTS, ReplayPreset.CUSTOM, replayId, 1).awaitError();
            assertThat(errorCode(error)).isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
            PubSubTestClient.Stream earliest = client.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null, 5);
            awaitSubscribed(2);
            String fresh = insertAccounts(1).get(0);
            assertThat(client.decode(earliest.awaitEvents(1).get(0))
                            .get("ChangeEventHeader")
                            .toString())
                    .contains(fresh);
        }

        @Test
        void customWithoutAReplayIdFailsValidation() {
            Throwable error =
                    client.subscribe(ACCOUNTS, ReplayPreset.CUSTOM, null, 1).awaitError();

            assertThat(errorCode(error))
                    .isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed");
        }
    }

    @Nested
    class Authentication {

        @Test
        void anUnknownAccessTokenGetsTheAuthErrorClientsLogInAgainOn() throws InterruptedException {
            try (PubSubTestClient stranger =
                    PubSubTestClient.withCredentials(simulator, "00D000000000001!forged", SalesforceSimulator.ORG_ID)) {
                assertThatThrownBy(() -> stranger.blocking()
                                .getTopic(TopicRequest.newBuilder()
                                        .setTopicName(ACCOUNTS)
                                        .build()))
                        .satisfies(e -> {
                            assertThat(status(e)).isEqualTo(Status.Code.UNAUTHENTICATED);
                            assertThat(errorCode(e)).isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error");
                        });
            }
        }

        @Test
        void anExpiredSessionIsRefusedToo() {
            simulator.faults().expireSessions();

            Throwable error =
                    client.subscribe(ACCOUNTS, ReplayPreset.LATEST, null, 1).awaitError();

            assertThat(status(error)).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(simulator.changeEvents().subscribeCalls()).isZero();
        }

        @Test
        void anotherOrgsTenantIdIsRefused() throws InterruptedException {
            try (PubSubTestClient otherOrg = PubSubTestClient.withCredentials(
                    simulator, PubSubTestClient.login(simulator), "00D000000000999EAA")) {
                assertThatThrownBy(() -> otherOrg.blocking()
                                .getTopic(TopicRequest.newBuilder()
                                        .setTopicName(ACCOUNTS)
                                        .build()))
                        .satisfies(e -> assertThat(status(e)).isEqualTo(Status.Code.UNAUTHENTICATED));
            }
        }
    }

    @Nested
    class Topics {

        @Test
        void anUnknownTopicIsNotFound() {
            assertThatThrownBy(() -> client.blocking()
                            .getTopic(TopicRequest.newBuilder()
                                    .setTopicName("/data/NopeChangeEvent")
                                    .build()))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(Status.Code.NOT_FOUND));

            Throwable error = client.subscribe("/data/NopeChangeEvent", ReplayPreset.LATEST, null, 1)
                    .awaitError();
            assertThat(status(error)).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(errorCode(error)).isNotBlank();
        }

        @Test
        void topicInfoNamesTheSchemaOfTheObjectsEvents() {
            TopicInfo topic = client.blocking()
                    .getTopic(TopicRequest.newBuilder().setTopicName(ACCOUNTS).build());

            Schema schema = new Schema.Parser()
                    .parse(client.blocking()
                            .getSchema(SchemaRequest.newBuilder()
                                    .setSchemaId(topic.getSchemaId())
                                    .build())
                            .getSchemaJson());

            assertThat(topic.getCanSubscribe()).isTrue();
            assertThat(schema.getFullName()).isEqualTo("com.sforce.eventbus.AccountChangeEvent");
            assertThat(schema.getFields().get(0).name()).isEqualTo("ChangeEventHeader");
            assertThat(schema.getField("ChangeEventHeader")
                            .schema()
                            .getField("changeType")
                            .schema()
                            .getEnumSymbols())
                    .contains("CREATE", "UPDATE", "DELETE", "UNDELETE", "GAP_UPDATE", "GAP_OVERFLOW");
            assertThat(schema.getField("Name").schema().getTypes())
                    .extracting(Schema::getType)
                    .containsExactly(Schema.Type.NULL, Schema.Type.STRING);
        }

        @Test
        void aCustomObjectsChannelDropsTheCOfItsSuffix() {
            assertThat(new CdcEntity("Foo__c", List.of()).channel()).isEqualTo("/data/Foo__ChangeEvent");
            assertThat(new CdcEntity("Account", List.of()).channel()).isEqualTo("/data/AccountChangeEvent");
        }

        @Test
        void anObjectNotSelectedForChangeDataCaptureMakesNoEvent() {
            PubSubTestClient.Stream all = client.subscribe("/data/ChangeEvents", ReplayPreset.LATEST, null, 10);
            awaitSubscribed(1);

            org.insert("ChannelProgram", Map.of("Name", "Reseller Program"));
            org.insert("Account", Map.of("Name", "Acme"));

            assertThat(all.awaitEvents(1))
                    .extracting(e -> entity(client.decode(e)))
                    .containsExactly("Account");
            assertThat(all.events())
                    .as("nothing for the program, before or after")
                    .hasSize(1);
        }

        @Test
        void aCustomChannelCarriesItsMembersAndTheStandardChannelCarriesAll() {
            simulator.changeEvents().defineChannel("/data/PRM_Partner__chn", "Account", "Opportunity");
            PubSubTestClient.Stream custom = client.subscribe("/data/PRM_Partner__chn", ReplayPreset.LATEST, null, 10);
            PubSubTestClient.Stream all = client.subscribe("/data/ChangeEvents", ReplayPreset.LATEST, null, 10);
            awaitSubscribed(2);

            String account = org.insert("Account", Map.of("Name", "Acme"));
            org.insert("Lead", Map.of("LastName", "Doe", "Company", "Acme"));
            org.update(account, Map.of("Name", "Acme Corp"));

            assertThat(all.awaitEvents(3))
                    .extracting(e -> entity(client.decode(e)))
                    .containsExactly("Account", "Lead", "Account");
            assertThat(custom.awaitEvents(2))
                    .extracting(e -> entity(client.decode(e)))
                    .containsExactly("Account", "Account");
        }
    }

    @Nested
    class EventContent {

        @Test
        void anUpdateCarriesOnlyChangedFieldsWithTheirBitmap() {
            String id = org.insert("Account", Map.of("Name", "Acme", "Industry", "Retail", "Phone", "555"));
            PubSubTestClient.Stream stream = client.subscribe(ACCOUNTS, ReplayPreset.LATEST, null, 1);
            awaitSubscribed(1);

            Map<String, Object> changes = new HashMap<>();
            changes.put("Industry", "Energy");
            changes.put("Phone", null);
            org.update(id, changes);

            GenericRecord event = client.decode(stream.awaitEvents(1).get(0));
            GenericRecord header = (GenericRecord) event.get("ChangeEventHeader");
            assertThat(header.get("changeType").toString()).isEqualTo("UPDATE");
            assertThat(fields(event, header.get("changedFields")))
                    .containsExactlyInAnyOrder("Industry", "Phone", "LastModifiedDate");
            assertThat(fields(event, header.get("nulledFields"))).containsExactly("Phone");
            assertThat(event.get("Industry").toString()).isEqualTo("Energy");
            assertThat(event.get("Name")).isNull();
            assertThat(header.get("commitUser").toString()).isEqualTo(SimulatedOrg.UI_USER_ID);
            assertThat(header.get("changeOrigin").toString()).isEmpty();
        }

        @Test
        void aDeleteCarriesTheHeaderOnly() {
            String id = org.insert("Account", Map.of("Name", "Acme"));
            PubSubTestClient.Stream stream = client.subscribe(ACCOUNTS, ReplayPreset.LATEST, null, 1);
            awaitSubscribed(1);

            org.delete(id);

            GenericRecord event = client.decode(stream.awaitEvents(1).get(0));
            assertThat(event.get("ChangeEventHeader").toString()).contains("\"DELETE\"", id);
            assertThat(event.get("Name")).isNull();
        }

        @Test
        void gapKnobTurnsTheNextEventsIntoHeaderOnlyGaps() {
            String id = org.insert("Account", Map.of("Name", "Acme"));
            PubSubTestClient.Stream stream = client.subscribe(ACCOUNTS, ReplayPreset.LATEST, null, 3);
            awaitSubscribed(1);

            simulator.changeEvents().gapNext("Account", 2);
            org.update(id, Map.of("Name", "One"));
            org.update(id, Map.of("Name", "Two"));
            org.update(id, Map.of("Name", "Three"));

            List<GenericRecord> events =
                    stream.awaitEvents(3).stream().map(client::decode).toList();
            assertThat(events).extracting(e -> changeType(e)).containsExactly("GAP_UPDATE", "GAP_UPDATE", "UPDATE");
            assertThat(events.get(0).get("Name")).isNull();
            assertThat(events.get(0).get("ChangeEventHeader").toString()).contains(id);
            assertThat(events.get(2).get("Name").toString()).isEqualTo("Three");
        }

        @Test
        void overflowKnobSendsAGapOverflowForTheWholeObject() {
            PubSubTestClient.Stream stream = client.subscribe(ACCOUNTS, ReplayPreset.LATEST, null, 1);
            awaitSubscribed(1);

            simulator.changeEvents().overflow("Account");

            GenericRecord event = client.decode(stream.awaitEvents(1).get(0));
            assertThat(changeType(event)).isEqualTo("GAP_OVERFLOW");
            assertThat(event.get("ChangeEventHeader").toString()).contains(ChangeEvents.ALL_RECORDS);
        }

        @Test
        void expiringEveryEventInvalidatesEveryReplayIdHandedOut() {
            insertAccounts(2);
            ByteString replayId = client.subscribe(ACCOUNTS, ReplayPreset.EARLIEST, null, 2)
                    .awaitEvents(2)
                    .get(1)
                    .getReplayId();

            simulator.changeEvents().expireRetainedEvents();

            Throwable error =
                    client.subscribe(ACCOUNTS, ReplayPreset.CUSTOM, replayId, 1).awaitError();
            assertThat(errorCode(error)).isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
        }
    }

    private static String entity(GenericRecord event) {
        return ((GenericRecord) event.get("ChangeEventHeader"))
                .get("entityName")
                .toString();
    }

    private static String changeType(GenericRecord event) {
        return ((GenericRecord) event.get("ChangeEventHeader"))
                .get("changeType")
                .toString();
    }

    /** Decodes a field bitmap the way Salesforce's own sample client does: bit n is the schema's field n. */
    static List<String> fields(GenericRecord event, Object bitmaps) {
        List<String> names = new ArrayList<>();
        for (Object bitmap : (List<?>) bitmaps) {
            BigInteger bits = new BigInteger(bitmap.toString().substring(2), 16);
            for (int i = 0; i < bits.bitLength(); i++) {
                if (bits.testBit(i)) {
                    names.add(event.getSchema().getFields().get(i).name());
                }
            }
        }
        return names;
    }
}
