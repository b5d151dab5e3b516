package io.prmsync.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.prmsync.sandbox.pubsub.ChangeEvents;
import io.prmsync.sandbox.pubsub.PubSubServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory Salesforce org served over the REST API's real paths and JSON shapes (and Bulk API 2.0's CSV),
 * WireMock underneath, with its Change Data Capture events on a Pub/Sub API (gRPC) endpoint. The base URL is both
 * the login URL and the instance URL.
 */
public final class SalesforceSimulator implements AutoCloseable {

    /** The simulated org's id, as it appears in the token's identity URL. */
    public static final String ORG_ID = "00D000000000001EAA";

    /** The integration user every session belongs to; owner of records written through the API. */
    public static final String USER_ID = SimulatedOrg.USER_ID;

    private static final int CONTAINER_THREADS = 50;
    static final int REQUEST_HEAD_BYTES = 16_384;

    private final WireMockServer server;
    private final SimulatedOrg org;
    private final FaultKnobs faults;
    private final RequestCounters counters;
    private final BulkJobs bulkJobs;
    private final PubSubServer pubSub;
    private final ChangeEvents changeEvents;

    private SalesforceSimulator(
            WireMockServer server,
            SimulatedOrg org,
            FaultKnobs faults,
            RequestCounters counters,
            BulkJobs bulkJobs,
            PubSubServer pubSub,
            ChangeEvents changeEvents) {
        this.server = server;
        this.org = org;
        this.faults = faults;
        this.counters = counters;
        this.bulkJobs = bulkJobs;
        this.pubSub = pubSub;
        this.changeEvents = changeEvents;
    }

    public static SalesforceSimulator start(SimulatorSettings settings) {
        SimulatedOrg org = new SimulatedOrg(settings.dailyApiLimit());
        org.becomeOrganization(ORG_ID);
        RequestCounters counters = new RequestCounters();
        // The token answer names the instance URL, known only once the server has its port.
        AtomicReference<String> baseUrl = new AtomicReference<>();
        TokenService tokens = new TokenService(settings, baseUrl::get);
        FaultKnobs faults = new FaultKnobs(org.schema(), tokens);
        BulkJobs bulkJobs = new BulkJobs();
        Router router = new Router(
                tokens,
                new QueryHandler(org, faults),
                new SObjectHandler(org, faults.rejections()),
                new CollectionsHandler(org, faults.rejections(), counters),
                new CollectionRetrieval(org),
                new MetadataHandler(org, settings.apiVersion(), bulkJobs),
                new BulkIngestHandler(org, faults, counters, bulkJobs),
                new BulkQueryHandler(org, faults, bulkJobs));
        WireMockConfiguration options = WireMockConfiguration.options()
                .port(settings.port())
                .bindAddress("127.0.0.1")
                .disableRequestJournal()
                .notifier(new ConsoleNotifier(false))
                .containerThreads(CONTAINER_THREADS)
                .gzipDisabled(true)
                // Salesforce refuses a request whose URI and headers pass 16,384 bytes: 414 when the URI alone does,
                // 431 otherwise; Jetty answers the same at this size.
                .jettyHeaderRequestSize(REQUEST_HEAD_BYTES)
                .extensions(new SimulatorTransformer(router, tokens, org, faults, counters));
        WireMockServer server = new WireMockServer(options);
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
        baseUrl.set("http://localhost:" + server.port());
        ChangeEvents changeEvents = new ChangeEvents(
                ORG_ID,
                org.schema().objects().stream().map(ChangeCapture::entity).toList(),
                org::clock);
        org.captureChanges(changeEvents::publish, settings.clientId());
        PubSubServer pubSub = PubSubServer.start(0, changeEvents, tokens::isValid, ORG_ID);
        return new SalesforceSimulator(server, org, faults, counters, bulkJobs, pubSub, changeEvents);
    }

    /** {@code http://localhost:PORT}, without a trailing slash, as the Salesforce component wants its login URL. */
    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** The plain-text Pub/Sub API port on 127.0.0.1. */
    public int pubSubPort() {
        return pubSub.port();
    }

    /** The org's Change Data Capture: channels, retention and the Pub/Sub API's fault knobs and counters. */
    public ChangeEvents changeEvents() {
        return changeEvents;
    }

    public SimulatedOrg org() {
        return org;
    }

    public FaultKnobs faults() {
        return faults;
    }

    public RequestCounters counters() {
        return counters;
    }

    /**
     * The Bulk API 2.0 jobs clients created, ingest and query alike, oldest first: the last 10,000, deleted ones
     * included, each as a job-info call would see it now (without counting as one).
     */
    public List<BulkJobSummary> bulkJobs() {
        return bulkJobs.summaries();
    }

    @Override
    public void close() {
        pubSub.close();
        server.stop();
    }
}
