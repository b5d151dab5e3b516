package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.salesforce.PlainTextPubSubConsumers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.InvalidReplayIdException;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Camel Salesforce component's {@code pubSubSubscribe} consumer against the simulator's Pub/Sub API. */
class CamelPubSubTest {

    private static final String ACCOUNT_EVENTS =
            "salesforce:pubSubSubscribe:/data/AccountChangeEvent?pubSubDeserializeType=GENERIC_RECORD"
                    + "&backoffIncrement=100";

    private SalesforceSimulator simulator;
    private DefaultCamelContext camel;
    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final List<Throwable> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        simulator.changeEvents().selectEntities("Account");
        camel = new DefaultCamelContext();
        SalesforceComponent salesforce = CamelSalesforceComponentTest.component(simulator);
        salesforce.setPubSubHost("127.0.0.1");
        salesforce.setPubSubPort(simulator.pubSubPort());
        camel.addComponent("salesforce", salesforce);
        camel.addLifecycleStrategy(new PlainTextPubSubConsumers());
        camel.getRegistry().bind("recordingHandler", new RecordingHandler());
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        simulator.close();
    }

    private void consume(String options) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ACCOUNT_EVENTS + options + "&exceptionHandler=#recordingHandler")
                        .routeId("account-events-" + camel.getRoutes().size())
                        .process(received::add);
            }
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.changeEvents().openStreams()
                        == camel.getRoutes().size());
    }

    private List<Exchange> awaitReceived(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= count);
        return received;
    }

    private static GenericRecord header(Exchange exchange) {
        return (GenericRecord)
                exchange.getMessage().getBody(GenericRecord.class).get("ChangeEventHeader");
    }

    private static String replayId(Exchange exchange) {
        return exchange.getMessage().getHeader("CamelSalesforcePubSubReplayId", String.class);
    }

    @Test
    void aUiEditArrivesAsAnUpdateByTheChannelManager() throws Exception {
        String id = simulator.org().insert("Account", Map.of("Name", "Acme", "Industry", "Retail"));
        consume("&replayPreset=LATEST");

        simulator.org().update(id, Map.of("Industry", "Energy"));

        Exchange exchange = awaitReceived(1).get(0);
        GenericRecord event = exchange.getMessage().getBody(GenericRecord.class);
        GenericRecord header = header(exchange);
        assertThat(header.get("entityName").toString()).isEqualTo("Account");
        assertThat(header.get("changeType").toString()).isEqualTo("UPDATE");
        assertThat((List<?>) header.get("recordIds"))
                .extracting(Object::toString)
                .containsExactly(id);
        assertThat(header.get("commitUser").toString()).isEqualTo(SimulatedOrg.UI_USER_ID);
        assertThat(header.get("changeOrigin").toString()).isEmpty();
        assertThat(event.get("Industry").toString()).isEqualTo("Energy");
        assertThat(event.get("Name")).isNull();
        assertThat(simulator.org().findById(id).orElseThrow()).containsEntry("LastModifiedById", SimulatedOrg.USER_ID);
    }

    @Test
    void aRestWriteArrivesAsACreateByTheIntegrationUser() throws Exception {
        consume("&replayPreset=LATEST");

        SimulatorClient.Reply reply = SimulatorClient.loggedIn(simulator)
                .send("POST", SimulatorClient.DATA + "/sobjects/Account", Map.of("Name", "Globex"));

        GenericRecord header = header(awaitReceived(1).get(0));
        assertThat(header.get("changeType").toString()).isEqualTo("CREATE");
        assertThat((List<?>) header.get("recordIds"))
                .extracting(Object::toString)
                .containsExactly(reply.json().get("id").asText());
        assertThat(header.get("commitUser").toString()).isEqualTo(SalesforceSimulator.USER_ID);
        assertThat(header.get("changeOrigin").toString())
                .isEqualTo("com/salesforce/api/rest/62.0;client="
                        + SimulatorSettings.defaults().clientId());
        assertThat(received.get(0)
                        .getMessage()
                        .getBody(GenericRecord.class)
                        .get("Name")
                        .toString())
                .isEqualTo("Globex");
    }

    @Test
    void earliestReplaysRetainedEventsAndCustomOnlyLaterOnes() throws Exception {
        List<String> ids = List.of(
                simulator.org().insert("Account", Map.of("Name", "One")),
                simulator.org().insert("Account", Map.of("Name", "Two")),
                simulator.org().insert("Account", Map.of("Name", "Three")));
        consume("&replayPreset=EARLIEST");
        List<Exchange> replayed = awaitReceived(3);
        assertThat(replayed)
                .extracting(e -> header(e).get("recordIds").toString())
                .containsExactly("[" + ids.get(0) + "]", "[" + ids.get(1) + "]", "[" + ids.get(2) + "]");
        String afterFirst = replayId(replayed.get(0));
        received.clear();

        consume("&replayPreset=CUSTOM&pubSubReplayId=" + afterFirst);

        assertThat(awaitReceived(2))
                .extracting(e -> header(e).get("recordIds").toString())
                .containsExactly("[" + ids.get(1) + "]", "[" + ids.get(2) + "]");
    }

    @Test
    void anExpiredReplayIdReachesTheConsumersExceptionHandler() throws Exception {
        simulator.org().insert("Account", Map.of("Name", "Old"));
        consume("&replayPreset=EARLIEST");
        String replayId = replayId(awaitReceived(1).get(0));
        simulator.changeEvents().expireRetainedEvents();

        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ACCOUNT_EVENTS + "&replayPreset=CUSTOM&pubSubReplayId=" + replayId
                                + "&exceptionHandler=#recordingHandler")
                        .routeId("expired")
                        .process(received::add);
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> !handled.isEmpty());
        assertThat(handled.get(0)).isInstanceOf(InvalidReplayIdException.class).hasMessageContaining(replayId);
        // The client keeps resubscribing with the same id until the route stops; once stopped, no call reaches us.
        camel.getRouteController().stopRoute("expired");
        // A resubscription already under way as the route stopped may still land: counted from once calls settle.
        AtomicLong settled = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    long now = simulator.changeEvents().subscribeCalls();
                    return now == settled.getAndSet(now);
                });
        long calls = settled.get();
        await().during(Duration.ofMillis(800))
                .atMost(Duration.ofSeconds(3))
                .until(() -> simulator.changeEvents().subscribeCalls() == calls);
    }

    @Test
    void aBrokenStreamIsResumedWithoutLosingOrRepeatingAnEvent() throws Exception {
        consume("&replayPreset=LATEST");
        String first = simulator.org().insert("Account", Map.of("Name", "Before"));
        awaitReceived(1);

        simulator.changeEvents().breakStreams();
        String second = simulator.org().insert("Account", Map.of("Name", "While away"));
        String third = simulator.org().insert("Account", Map.of("Name", "After"));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == 3);
        assertThat(received)
                .extracting(e -> header(e).get("recordIds").toString())
                .containsExactly("[" + first + "]", "[" + second + "]", "[" + third + "]");
        // At least one resubscription (a loaded machine may need a second try); none lost or repeated above.
        assertThat(simulator.changeEvents().subscribeCalls()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRefusedTokenMakesTheClientLogInAgainAndCarryOn() throws Exception {
        consume("&replayPreset=LATEST");
        simulator.org().insert("Account", Map.of("Name", "Before"));
        awaitReceived(1);
        long logins = simulator.counters().count(Endpoint.TOKEN);

        simulator.faults().expireSessions();
        simulator.changeEvents().breakStreams();
        String after = simulator.org().insert("Account", Map.of("Name", "After"));

        assertThat(header(awaitReceived(2).get(1)).get("recordIds").toString()).contains(after);
        assertThat(simulator.counters().count(Endpoint.TOKEN)).isGreaterThan(logins);
    }

    @Test
    void aRolledBackAllOrNoneCollectionEmitsNothing() throws Exception {
        consume("&replayPreset=LATEST");
        simulator.faults().rejectRecords("Account", "Industry", "Gambling", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "No");

        SimulatorClient.loggedIn(simulator)
                .send(
                        "POST",
                        SimulatorClient.DATA + "/composite/sobjects",
                        Map.of(
                                "allOrNone",
                                true,
                                "records",
                                List.of(account("Fine", "Retail"), account("Casino", "Gambling"))));
        String marker = simulator.org().insert("Account", Map.of("Name", "Marker"));

        assertThat(header(awaitReceived(1).get(0)).get("recordIds").toString()).contains(marker);
        assertThat(simulator.org().count("Account")).isEqualTo(1);
    }

    @Test
    void recordsOfOneCollectionCallChangedAlikeShareOneEvent() throws Exception {
        String acme = simulator.org().insert("Account", Map.of("Name", "Acme"));
        String globex = simulator.org().insert("Account", Map.of("Name", "Globex"));
        consume("&replayPreset=LATEST");

        SimulatorClient.loggedIn(simulator)
                .send(
                        "PATCH",
                        SimulatorClient.DATA + "/composite/sobjects",
                        Map.of(
                                "allOrNone",
                                false,
                                "records",
                                List.of(update(acme, "Energy"), update(globex, "Energy"))));

        GenericRecord header = header(awaitReceived(1).get(0));
        assertThat((List<?>) header.get("recordIds"))
                .extracting(Object::toString)
                .containsExactly(acme, globex);
        assertThat(header.get("sequenceNumber")).isEqualTo(1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == 1);
    }

    @Test
    void aConsumerWithBatchSizeTwoGetsEveryEventByAskingAgain() throws Exception {
        for (int i = 0; i < 7; i++) {
            simulator.org().insert("Account", Map.of("Name", "Partner " + i));
        }

        consume("&replayPreset=EARLIEST&pubSubBatchSize=2");

        assertThat(awaitReceived(7)).hasSize(7);
        assertThat(simulator.changeEvents().eventsDelivered()).isEqualTo(7);
    }

    private static Map<String, Object> update(String id, String industry) {
        return Map.of("attributes", Map.of("type", "Account"), "Id", id, "Industry", industry);
    }

    private static Map<String, Object> account(String name, String industry) {
        return Map.of("attributes", Map.of("type", "Account"), "Name", name, "Industry", industry);
    }

    /** The consumer's exception handler, as a route would plug in its own. */
    private final class RecordingHandler implements ExceptionHandler {
        @Override
        public void handleException(Throwable exception) {
            handled.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handled.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            handled.add(exception);
        }
    }
}
