package io.prmsync.sandbox;

import static io.prmsync.sandbox.QueryApiTest.errorCode;
import static io.prmsync.sandbox.QueryApiTest.message;
import static io.prmsync.sandbox.SimulatorClient.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.prmsync.sandbox.SimulatorClient.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk API 2.0 over raw HTTP: ingest and query jobs, their states, CSV semantics and results. */
class BulkApiTest {

    private static final String INGEST = DATA + "/jobs/ingest";
    private static final String QUERY = DATA + "/jobs/query";
    private static final CsvMapper CSV =
            CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private SalesforceSimulator simulator;
    private SimulatedOrg org;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        org = simulator.org();
        client = SimulatorClient.loggedIn(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    // --- ingest ------------------------------------------------------------------------------------------------

    @Test
    void ingestJobIsCreatedOpenWithTheFieldsSalesforceReturns() {
        Reply created = createIngest(Map.of("object", "account", "operation", "insert"));

        JsonNode job = created.json();
        assertThat(created.status()).isEqualTo(200);
        assertThat(job.get("id").asText()).startsWith("750").hasSize(18);
        assertThat(SalesforceIds.isWellFormed(job.get("id").asText())).isTrue();
        assertThat(job.get("object").asText()).isEqualTo("Account");
        assertThat(job.get("operation").asText()).isEqualTo("insert");
        assertThat(job.get("state").asText()).isEqualTo("Open");
        assertThat(job.get("jobType").asText()).isEqualTo("V2Ingest");
        assertThat(job.get("concurrencyMode").asText()).isEqualTo("Parallel");
        assertThat(job.get("contentType").asText()).isEqualTo("CSV");
        assertThat(job.get("lineEnding").asText()).isEqualTo("LF");
        assertThat(job.get("columnDelimiter").asText()).isEqualTo("COMMA");
        assertThat(job.get("apiVersion").isNumber()).isTrue();
        assertThat(job.get("apiVersion").asDouble()).isEqualTo(62.0);
        assertThat(job.get("createdById").asText()).isEqualTo(SalesforceSimulator.USER_ID);
        assertThat(job.get("createdDate").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(job.get("contentUrl").asText())
                .isEqualTo("services/data/v62.0/jobs/ingest/" + job.get("id").asText() + "/batches");
        assertThat(job.get("numberRecordsProcessed").asLong()).isZero();
        assertThat(job.has("externalIdFieldName")).isFalse();
        assertThat(created.header(SimulatorTransformer.LIMIT_HEADER)).startsWith("api-usage=");
    }

    @Test
    void closedJobWritesEveryRowAndReportsSuccessesAndPerRecordFailures() {
        String id = openAccountInsertJob();

        Reply upload = client.putCsv(
                INGEST + "/" + id + "/batches",
                "Name,Industry,NumberOfEmployees\nAcme,Energy,120\n,Retail,5\n\"Beta, Inc.\",,7\n");
        Reply closed = close(id);
        JsonNode done = pollUntilFinished(id);

        assertThat(upload.status()).isEqualTo(201);
        assertThat(upload.body()).isEmpty();
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("state").asText()).isEqualTo("UploadComplete");
        assertThat(done.get("state").asText()).isEqualTo("JobComplete");
        assertThat(done.get("numberRecordsProcessed").asLong()).isEqualTo(3);
        assertThat(done.get("numberRecordsFailed").asLong()).isEqualTo(1);
        List<Map<String, String>> successes = csvRows(results(id, "successfulResults"));
        assertThat(successes).extracting(r -> r.get("Name")).containsExactly("Acme", "Beta, Inc.");
        assertThat(successes).allSatisfy(r -> {
            assertThat(r.get("sf__Created")).isEqualTo("true");
            assertThat(org.findById(r.get("sf__Id"))).isPresent();
        });
        assertThat(header(results(id, "successfulResults")))
                .containsExactly("sf__Id", "sf__Created", "Name", "Industry", "NumberOfEmployees");
        List<Map<String, String>> failures = csvRows(results(id, "failedResults"));
        assertThat(header(results(id, "failedResults")))
                .containsExactly("sf__Id", "sf__Error", "Name", "Industry", "NumberOfEmployees");
        assertThat(failures).singleElement().satisfies(r -> {
            assertThat(r.get("sf__Error"))
                    .isEqualTo("REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --");
            assertThat(r.get("sf__Id")).isEmpty();
            assertThat(r.get("Industry")).isEqualTo("Retail");
        });
        assertThat(csvRows(results(id, "unprocessedrecords"))).isEmpty();
        assertThat(org.findByField("Account", "Name", "Acme"))
                .singleElement()
                .satisfies(a ->
                        assertThat(a).containsEntry("NumberOfEmployees", 120).containsEntry("Industry", "Energy"));
        assertThat(org.findByField("Account", "Name", "Beta, Inc."))
                .singleElement()
                .satisfies(a -> assertThat(a.get("Industry")).isNull());
        assertThat(simulator.counters().recordsWritten(Endpoint.BULK_INGEST_UPLOAD))
                .isEqualTo(3);
    }

    @Test
    void jobReportsInProgressToAsManyPollsAsTheKnobSaysAndRefusesResultsUntilThen() {
        simulator.faults().bulkPollsBeforeComplete(3);
        String id = uploadAndClose(Map.of("object", "Account", "operation", "insert"), "Name\nAcme\n");

        List<String> states = new ArrayList<>();
        Reply early = client.get(INGEST + "/" + id + "/successfulResults");
        for (int i = 0; i < 4; i++) {
            states.add(client.get(INGEST + "/" + id).json().get("state").asText());
        }

        assertThat(states).containsExactly("InProgress", "InProgress", "InProgress", "JobComplete");
        assertThat(early.status()).isEqualTo(409);
        assertThat(errorCode(early)).isEqualTo("INVALIDJOBSTATE");
        assertThat(client.get(INGEST + "/" + id + "/successfulResults").status())
                .isEqualTo(200);
        assertThat(simulator.counters().count(Endpoint.BULK_INGEST_GET)).isEqualTo(4);
        assertThat(org.count("Account"))
                .as("written when closed, whatever the job shows")
                .isEqualTo(1);
    }

    @Test
    void withNoPollsTheFirstJobInfoCallShowsTheOutcome() {
        simulator.faults().bulkPollsBeforeComplete(0);
        String id = uploadAndClose(Map.of("object", "Account", "operation", "insert"), "Name\nAcme\n");

        assertThat(client.get(INGEST + "/" + id).json().get("state").asText()).isEqualTo("JobComplete");
        simulator.faults().clear();
        String next = uploadAndClose(Map.of("object", "Account", "operation", "insert"), "Name\nBeta\n");
        assertThat(client.get(INGEST + "/" + next).json().get("state").asText()).isEqualTo("InProgress");
    }

    @Test
    void anUploadLargerThanAJobTakesIsRefusedSayingSo() {
        org.setIngestUploadLimit(20);
        String open = openAccountInsertJob();

        Reply tooLarge = client.putCsv(INGEST + "/" + open + "/batches", "Name\nAcme\nGlobex\nInitech\n");
        Reply fits = client.putCsv(INGEST + "/" + open + "/batches", "Name\nAcme\n");

        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(errorCode(tooLarge)).isEqualTo("CLIENTINPUTERROR");
        assertThat(message(tooLarge)).contains("25 bytes").contains("at most 20");
        assertThat(fits.status()).isEqualTo(201);
    }

    @Test
    void wrongStatesAndUnknownJobsGetClearErrors() {
        String id = uploadAndClose(Map.of("object", "Account", "operation", "insert"), "Name\nAcme\n");
        String open = openAccountInsertJob();

        Reply uploadAfterClose = client.putCsv(INGEST + "/" + id + "/batches", "Name\nLate\n");
        Reply closeTwice = close(id);
        Reply deleteOpen = client.send("DELETE", INGEST + "/" + open, null);
        Reply unknown = client.get(INGEST + "/750000000000000AAA");
        Reply empty = client.putCsv(INGEST + "/" + open + "/batches", " \n");
        Reply badState = client.send("PATCH", INGEST + "/" + open, Map.of("state", "JobComplete"));

        assertThat(uploadAfterClose.status()).isEqualTo(409);
        assertThat(errorCode(uploadAfterClose)).isEqualTo("INVALIDJOBSTATE");
        assertThat(closeTwice.status()).isEqualTo(409);
        assertThat(errorCode(closeTwice)).isEqualTo("INVALIDJOBSTATE");
        assertThat(message(closeTwice)).contains(id).contains("InProgress");
        assertThat(deleteOpen.status()).isEqualTo(409);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("NOT_FOUND");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(badState.status()).isEqualTo(400);
        assertThat(errorCode(badState)).isEqualTo("INVALIDJOBSTATE");
        pollUntilFinished(id);
        Reply abortFinished = client.send("PATCH", INGEST + "/" + id, Map.of("state", "Aborted"));
        assertThat(abortFinished.status()).isEqualTo(409);
        assertThat(org.count("Account")).isEqualTo(1);
    }

    @Test
    void aSecondUploadIsAcceptedButTheJobCannotBeClosedAsInSalesforce() {
        String id = openAccountInsertJob();

        Reply first = client.putCsv(INGEST + "/" + id + "/batches", "Name\nA\n");
        Reply second = client.putCsv(INGEST + "/" + id + "/batches", "Name\nB\n");
        Reply closing = close(id);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(closing.status()).isEqualTo(400);
        assertThat(errorCode(closing)).isEqualTo("INVALIDJOB");
        assertThat(message(closing)).startsWith("Found multipe contents for job: <" + id + ">");
        assertThat(client.get(INGEST + "/" + id).json().get("state").asText()).isEqualTo("Open");
        assertThat(client.send("PATCH", INGEST + "/" + id, Map.of("state", "Aborted"))
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("Aborted");
        assertThat(client.send("DELETE", INGEST + "/" + id, null).status()).isEqualTo(204);
        assertThat(client.get(INGEST + "/" + id).status()).isEqualTo(404);
        assertThat(org.count("Account")).isZero();
    }

    @Test
    void jobDefinitionsSalesforceRefusesAreRefusedWhenCreated() {
        Reply unknownObject = createIngest(Map.of("object", "Nope__c", "operation", "insert"));
        Reply badOperation = createIngest(Map.of("object", "Account", "operation", "merge"));
        Reply upsertWithoutKey = createIngest(Map.of("object", "Account", "operation", "upsert"));
        Reply upsertOnPlainField =
                createIngest(Map.of("object", "Account", "operation", "upsert", "externalIdFieldName", "Name"));
        Reply badDelimiter = createIngest(Map.of("object", "Account", "operation", "insert", "columnDelimiter", "DOT"));
        Reply jsonContent = createIngest(Map.of("object", "Account", "operation", "insert", "contentType", "JSON"));

        for (Reply reply :
                List.of(unknownObject, badOperation, upsertWithoutKey, upsertOnPlainField, badDelimiter, jsonContent)) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(errorCode(reply)).isEqualTo("INVALIDJOB");
        }
        assertThat(message(unknownObject)).isEqualTo("sObject type 'Nope__c' is not supported.");
        assertThat(message(upsertOnPlainField))
                .isEqualTo("Field Name is not an External ID or indexed field for Account");
        assertThat(simulator.bulkJobs()).isEmpty();
    }

    @Test
    void unknownColumnFailsTheWholeJobAndLeavesEveryRowUnprocessed() {
        String id = uploadAndClose(Map.of("object", "Account", "operation", "insert"), "Name,Nope__c\nA,1\nB,2\n");

        JsonNode failed = pollUntilFinished(id);

        assertThat(failed.get("state").asText()).isEqualTo("Failed");
        assertThat(failed.get("errorMessage").asText()).isEqualTo("InvalidBatch : Field name not found : Nope__c");
        assertThat(failed.get("numberRecordsProcessed").asLong()).isZero();
        assertThat(csvRows(results(id, "unprocessedrecords")))
                .extracting(r -> r.get("Name"))
                .containsExactly("A", "B");
        assertThat(header(results(id, "unprocessedrecords"))).containsExactly("Name", "Nope__c");
        assertThat(csvRows(results(id, "successfulResults"))).isEmpty();
        assertThat(org.count("Account")).isZero();
        assertThat(simulator.bulkJobs()).singleElement().satisfies(job -> {
            assertThat(job.kind()).isEqualTo("ingest");
            assertThat(job.state()).isEqualTo("Failed");
        });
    }

    @Test
    void emptyCellLeavesAFieldAloneAndHashNaClearsIt() {
        String id = org.insert(
                "Account",
                Map.of(
                        "Name",
                        "Acme",
                        "Phone",
                        "+1 555 0100",
                        "Website",
                        "https://acme.test",
                        "Partner_Stalled__c",
                        true));

        String job = uploadAndClose(
                Map.of("object", "Account", "operation", "update"),
                "Id,Phone,Website,Industry,Partner_Stalled__c,AnnualRevenue,Partner_Tier_Override_Expires__c\n" + id
                        + ",,#N/A,Energy,false,1500000.50,2025-03-31\n");
        pollUntilFinished(job);

        Map<String, Object> account = org.findById(id).orElseThrow();
        assertThat(account)
                .containsEntry("Phone", "+1 555 0100")
                .containsEntry("Industry", "Energy")
                .containsEntry("Partner_Stalled__c", false)
                .containsEntry("AnnualRevenue", 1_500_000.5)
                .containsEntry("Partner_Tier_Override_Expires__c", LocalDate.of(2025, 3, 31));
        assertThat(account.get("Website")).isNull();
        assertThat(csvRows(results(job, "successfulResults"))).singleElement().satisfies(r -> {
            assertThat(r.get("sf__Id")).isEqualTo(id);
            assertThat(r.get("sf__Created")).isEqualTo("false");
            assertThat(r.get("Website")).as("echoes what was sent").isEqualTo("#N/A");
        });
    }

    @Test
    void aCellThatDoesNotFitItsFieldFailsOnlyItsRow() {
        String job = uploadAndClose(
                Map.of("object", "Account", "operation", "insert"),
                "Name,NumberOfEmployees,IsPartner\nGood,12,true\nBad,twelve,false\nAlso bad,3,maybe\n");
        pollUntilFinished(job);

        assertThat(csvRows(results(job, "failedResults")))
                .extracting(r -> r.get("sf__Error"))
                .containsExactly(
                        "INVALID_TYPE_ON_FIELD_IN_RECORD:Number Of Employees: value not of required type: twelve"
                                + ":NumberOfEmployees --",
                        "INVALID_TYPE_ON_FIELD_IN_RECORD:Is Partner: value not of required type: maybe:IsPartner --");
        assertThat(org.records("Account"))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("Name", "Good").containsEntry("IsPartner", true));
    }

    @Test
    void upsertMatchesOnTheExternalIdAndSetsLookupsThroughTheParentsExternalId() {
        String partner = org.insert("Account", Map.of("Name", "Partner", "PRM_Partner_Id__c", "P-1"));
        String existing = org.insert(
                "Partner_Certification__c",
                Map.of("Name", "Old", "Account__c", partner, "PRM_Certification_Id__c", "C-1"));
        simulator
                .faults()
                .rejectRecords(
                        "Partner_Certification__c",
                        "Code__c",
                        "BANNED",
                        "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "Code not allowed");

        String job = uploadAndClose(
                Map.of(
                        "object",
                        "Partner_Certification__c",
                        "operation",
                        "upsert",
                        "externalIdFieldName",
                        "PRM_Certification_Id__c"),
                "PRM_Certification_Id__c,Name,Account__r.PRM_Partner_Id__c,Code__c\n"
                        + "C-1,Renewed,P-1,OK\n"
                        + "C-2,New,P-1,OK\n"
                        + "C-3,Orphan,P-404,OK\n"
                        + "C-4,Banned,P-1,BANNED\n"
                        + "C-5,Twice,P-1,OK\n"
                        + "c-5,Twice again,P-1,OK\n");
        JsonNode done = pollUntilFinished(job);

        assertThat(done.get("externalIdFieldName").asText()).isEqualTo("PRM_Certification_Id__c");
        assertThat(done.get("numberRecordsFailed").asLong()).isEqualTo(4);
        Map<String, String> created = new LinkedHashMap<>();
        csvRows(results(job, "successfulResults"))
                .forEach(r -> created.put(r.get("PRM_Certification_Id__c"), r.get("sf__Created")));
        assertThat(created).containsExactly(Map.entry("C-1", "false"), Map.entry("C-2", "true"));
        assertThat(org.findById(existing).orElseThrow()).containsEntry("Name", "Renewed");
        assertThat(org.findByField("Partner_Certification__c", "PRM_Certification_Id__c", "C-2"))
                .singleElement()
                .satisfies(c -> assertThat(c).containsEntry("Account__c", partner));
        assertThat(csvRows(results(job, "failedResults")))
                .extracting(r -> r.get("sf__Error"))
                .containsExactly(
                        "INVALID_FIELD:Foreign key external ID: P-404 not found for field PRM_Partner_Id__c in entity Account"
                                + ":Account__c --",
                        "FIELD_CUSTOM_VALIDATION_EXCEPTION:Code not allowed:--",
                        "DUPLICATE_VALUE:Duplicate external id specified: C-5:--",
                        "DUPLICATE_VALUE:Duplicate external id specified: c-5:--");
    }

    @Test
    void relationshipColumnToAFieldThatIsNoExternalIdFailsTheJob() {
        String job = uploadAndClose(
                Map.of("object", "Partner_Certification__c", "operation", "insert"), "Name,Account__r.Name\nX,Acme\n");

        JsonNode failed = pollUntilFinished(job);

        assertThat(failed.get("state").asText()).isEqualTo("Failed");
        assertThat(failed.get("errorMessage").asText())
                .isEqualTo(
                        "InvalidBatch : Field name provided, Name is not an External ID or indexed field for Account");
    }

    @Test
    void abortedJobWritesNothingAndAnswersItsRowsAsUnprocessed() {
        String id = openAccountInsertJob();
        client.putCsv(INGEST + "/" + id + "/batches", "Name\nA\nB\n");

        Reply aborted = client.send("PATCH", INGEST + "/" + id, Map.of("state", "Aborted"));

        assertThat(aborted.json().get("state").asText()).isEqualTo("Aborted");
        assertThat(client.get(INGEST + "/" + id).json().get("state").asText()).isEqualTo("Aborted");
        assertThat(csvRows(results(id, "unprocessedrecords")))
                .extracting(r -> r.get("Name"))
                .containsExactly("A", "B");
        assertThat(client.putCsv(INGEST + "/" + id + "/batches", "Name\nC\n").status())
                .isEqualTo(409);
        assertThat(org.count("Account")).isZero();
    }

    @Test
    void deleteMovesRowsToTheRecycleBinAndHardDeleteRemovesThem() {
        String soft = org.insert("Account", Map.of("Name", "Soft"));
        String hard = org.insert("Account", Map.of("Name", "Hard"));
        String lead = org.insert("Lead", Map.of("LastName", "L", "Company", "C"));

        String deleteJob =
                uploadAndClose(Map.of("object", "Account", "operation", "delete"), "Id\n" + soft + "\n" + lead + "\n");
        String hardJob = uploadAndClose(Map.of("object", "Account", "operation", "hardDelete"), "Id\n" + hard + "\n");
        pollUntilFinished(deleteJob);
        pollUntilFinished(hardJob);

        assertThat(org.findById(soft).orElseThrow()).containsEntry("IsDeleted", true);
        assertThat(org.findById(hard)).isEmpty();
        assertThat(org.findById(lead).orElseThrow()).containsEntry("IsDeleted", false);
        assertThat(csvRows(results(deleteJob, "failedResults")))
                .singleElement()
                .satisfies(r -> assertThat(r.get("sf__Error")).startsWith("INVALID_CROSS_REFERENCE_KEY:"));
        assertThat(csvRows(results(hardJob, "successfulResults")))
                .singleElement()
                .satisfies(r -> assertThat(r.get("sf__Id")).isEqualTo(hard));
    }

    @Test
    void theJobsDelimiterAndLineEndingApplyToTheUploadAndTheResults() {
        String id = uploadAndClose(
                Map.of("object", "Account", "operation", "insert", "columnDelimiter", "PIPE", "lineEnding", "CRLF"),
                "Name|Industry\r\nPipe, Inc.|Energy\r\n");
        pollUntilFinished(id);
        String wrongEnding = uploadAndClose(
                Map.of("object", "Account", "operation", "insert", "lineEnding", "CRLF"), "Name\nLF only\n");

        String results = results(id, "successfulResults");
        assertThat(results)
                .startsWith("\"sf__Id\"|\"sf__Created\"|\"Name\"|\"Industry\"\r\n")
                .endsWith("\"Energy\"\r\n");
        assertThat(org.findByField("Account", "Name", "Pipe, Inc.")).hasSize(1);
        JsonNode failed = pollUntilFinished(wrongEnding);
        assertThat(failed.get("state").asText()).isEqualTo("Failed");
        assertThat(failed.get("errorMessage").asText())
                .isEqualTo("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF");
    }

    @Test
    void listingJobsAndCountingCalls() {
        String id = uploadAndClose(Map.of("object", "Account", "operation", "insert"), "Name\nA\n");
        long usageBefore = org.apiUsage();

        Reply list = client.get(INGEST);
        pollUntilFinished(id);

        assertThat(list.json().get("done").asBoolean()).isTrue();
        assertThat(list.json().get("nextRecordsUrl").isNull()).isTrue();
        assertThat(list.json().get("records"))
                .singleElement()
                .satisfies(job -> assertThat(job.get("id").asText()).isEqualTo(id));
        assertThat(org.apiUsage())
                .isEqualTo(usageBefore + 1 + simulator.counters().count(Endpoint.BULK_INGEST_GET));
        assertThat(simulator.counters().count(Endpoint.BULK_INGEST_CREATE)).isEqualTo(1);
        assertThat(simulator.counters().count(Endpoint.BULK_INGEST_UPLOAD)).isEqualTo(1);
        assertThat(simulator.counters().count(Endpoint.BULK_INGEST_STATE)).isEqualTo(1);
        assertThat(simulator.counters().count(Endpoint.BULK_INGEST_LIST)).isEqualTo(1);
        assertThat(simulator.bulkJobs())
                .singleElement()
                .isEqualTo(new BulkJobSummary("ingest", id, "Account", "insert", "JobComplete", 1, 0));
    }

    @Test
    void injectedFailuresAndExpiredSessionsReachBulkCalls() {
        simulator.faults().failNext(Endpoint.BULK_INGEST_CREATE, 1, SimulatedFailure.serverUnavailable());

        Reply failed = createIngest(Map.of("object", "Account", "operation", "insert"));
        Reply retried = createIngest(Map.of("object", "Account", "operation", "insert"));
        simulator.faults().expireSessions();
        Reply expired = client.get(INGEST + "/" + retried.json().get("id").asText());

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(errorCode(expired)).isEqualTo("INVALID_SESSION_ID");
    }

    // --- query -------------------------------------------------------------------------------------------------

    @Test
    void queryJobAnswersItsRowsInChunksLinkedByLocators() {
        for (int i = 0; i < 25; i++) {
            org.insert("Account", Map.of("Name", String.format("Partner %02d", i)));
        }
        Reply created = createQuery("query", "SELECT Id, Name FROM Account ORDER BY Name");
        String id = created.json().get("id").asText();

        Reply early = client.get(QUERY + "/" + id + "/results");
        JsonNode done = pollQueryUntilFinished(id);
        List<String> names = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        String locator = null;
        do {
            Reply chunk = client.get(
                    QUERY + "/" + id + "/results?maxRecords=10" + (locator == null ? "" : "&locator=" + locator));
            assertThat(chunk.status()).isEqualTo(200);
            assertThat(header(chunk.body())).containsExactly("Id", "Name");
            csvRows(chunk.body()).forEach(r -> names.add(r.get("Name")));
            counts.add(chunk.header("Sforce-NumberOfRecords"));
            locator = chunk.header("Sforce-Locator");
        } while (!locator.equals("null"));

        assertThat(created.json().get("state").asText()).isEqualTo("UploadComplete");
        assertThat(created.json().get("jobType").asText()).isEqualTo("V2Query");
        assertThat(created.json().get("object").asText()).isEqualTo("Account");
        assertThat(created.json().get("operation").asText()).isEqualTo("query");
        assertThat(created.json().get("id").asText()).startsWith("750");
        assertThat(early.status()).isEqualTo(409);
        assertThat(done.get("state").asText()).isEqualTo("JobComplete");
        assertThat(done.get("numberRecordsProcessed").asLong()).isEqualTo(25);
        assertThat(names).hasSize(25).isSorted().doesNotHaveDuplicates();
        assertThat(counts).containsExactly("10", "10", "5");
        assertThat(simulator.counters().count(Endpoint.BULK_QUERY_RESULTS)).isEqualTo(4);
    }

    @Test
    void aLocatorCanBeReadAgainAndAnUnknownOneIsRefused() {
        for (int i = 0; i < 3; i++) {
            org.insert("Account", Map.of("Name", "A" + i));
        }
        String id = createQuery("query", "SELECT Name FROM Account ORDER BY Name")
                .json()
                .get("id")
                .asText();
        pollQueryUntilFinished(id);

        String locator = client.get(QUERY + "/" + id + "/results?maxRecords=1").header("Sforce-Locator");
        Reply once = client.get(QUERY + "/" + id + "/results?maxRecords=1&locator=" + locator);
        Reply again = client.get(QUERY + "/" + id + "/results?maxRecords=1&locator=" + locator);
        Reply everything = client.get(QUERY + "/" + id + "/results");
        Reply bogus = client.get(QUERY + "/" + id + "/results?locator=null");
        Reply badMax = client.get(QUERY + "/" + id + "/results?maxRecords=0");

        assertThat(again.body()).isEqualTo(once.body());
        assertThat(csvRows(once.body())).extracting(r -> r.get("Name")).containsExactly("A1");
        assertThat(csvRows(everything.body())).hasSize(3);
        assertThat(everything.header("Sforce-Locator")).isEqualTo("null");
        assertThat(everything.header("Content-Type")).startsWith("text/csv");
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(errorCode(bogus)).isEqualTo("INVALID_QUERY_LOCATOR");
        assertThat(badMax.status()).isEqualTo(400);
    }

    @Test
    void valuesAreWrittenAsBulkApiCsvAndRelationshipColumnsAsWritten() {
        String partner = org.insert("Account", Map.of("Name", "Partner \"One\""));
        org.insert(
                "Lead",
                Map.of(
                        "LastName",
                        "Lee",
                        "Company",
                        "Co",
                        "PartnerAccountId",
                        partner,
                        "Deal_Amount__c",
                        2500.0,
                        "New_Customer__c",
                        true,
                        "Expected_Close_Date__c",
                        LocalDate.of(2024, 5, 1)));
        org.insert("Lead", Map.of("LastName", "Solo", "Company", "Co", "Deal_Amount__c", 1234567.25));
        org.useClock(Clock.fixed(Instant.parse("2024-05-01T10:15:30.123Z"), ZoneOffset.UTC));
        org.insert("Lead", Map.of("LastName", "Stamped", "Company", "Co"));

        String id = createQuery(
                        "query",
                        "SELECT LastName, PartnerAccount.Name, Deal_Amount__c, New_Customer__c,"
                                + " Expected_Close_Date__c, Email, CreatedDate FROM Lead ORDER BY LastName")
                .json()
                .get("id")
                .asText();
        pollQueryUntilFinished(id);
        String csv = client.get(QUERY + "/" + id + "/results").body();

        assertThat(header(csv))
                .containsExactly(
                        "LastName",
                        "PartnerAccount.Name",
                        "Deal_Amount__c",
                        "New_Customer__c",
                        "Expected_Close_Date__c",
                        "Email",
                        "CreatedDate");
        List<Map<String, String>> rows = csvRows(csv);
        assertThat(rows.get(0))
                .containsEntry("PartnerAccount.Name", "Partner \"One\"")
                .containsEntry("Deal_Amount__c", "2500")
                .containsEntry("New_Customer__c", "true")
                .containsEntry("Expected_Close_Date__c", "2024-05-01")
                .containsEntry("Email", "");
        assertThat(rows.get(1))
                .containsEntry("PartnerAccount.Name", "")
                .containsEntry("Deal_Amount__c", "1234567.25")
                .containsEntry("New_Customer__c", "false");
        assertThat(rows.get(2)).containsEntry("CreatedDate", "2024-05-01T10:15:30.000Z");
    }

    @Test
    void theResultIsFixedWhenTheJobRuns() {
        org.insert("Account", Map.of("Name", "Before"));
        String id = createQuery("query", "SELECT Name FROM Account")
                .json()
                .get("id")
                .asText();

        org.insert("Account", Map.of("Name", "After"));
        pollQueryUntilFinished(id);

        assertThat(csvRows(client.get(QUERY + "/" + id + "/results").body()))
                .extracting(r -> r.get("Name"))
                .containsExactly("Before");
    }

    @Test
    void queryAllIncludesDeletedRowsAndQueryDoesNot() {
        org.insert("Account", Map.of("Name", "Live"));
        org.delete(org.insert("Account", Map.of("Name", "Binned")));

        String all = createQuery("queryAll", "SELECT Name, IsDeleted FROM Account ORDER BY Name")
                .json()
                .get("id")
                .asText();
        String live = createQuery("query", "SELECT Name FROM Account")
                .json()
                .get("id")
                .asText();
        pollQueryUntilFinished(all);
        pollQueryUntilFinished(live);

        assertThat(csvRows(client.get(QUERY + "/" + all + "/results").body()))
                .extracting(r -> r.get("Name") + "/" + r.get("IsDeleted"))
                .containsExactly("Binned/true", "Live/false");
        assertThat(csvRows(client.get(QUERY + "/" + live + "/results").body()))
                .extracting(r -> r.get("Name"))
                .containsExactly("Live");
        assertThat(simulator.bulkJobs()).extracting(BulkJobSummary::operation).containsExactly("queryAll", "query");
    }

    @Test
    void soqlIsCheckedWhenTheJobIsCreatedWithTheRestApisErrors() {
        Reply badField = createQuery("query", "SELECT Nope FROM Account");
        Reply restBadField = client.query("SELECT Nope FROM Account");
        Reply count = createQuery("query", "SELECT COUNT() FROM Account");
        Reply groupBy = createQuery("query", "SELECT Name FROM Account GROUP BY Name");
        Reply offset = createQuery("query", "SELECT Name FROM Account LIMIT 5 OFFSET 10");
        Reply subquery = createQuery("query", "SELECT Name, (SELECT Id FROM Contacts) FROM Account");
        Reply badOperation = createQuery("select", "SELECT Name FROM Account");

        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.json()).isEqualTo(restBadField.json());
        assertThat(count.status()).isEqualTo(400);
        assertThat(errorCode(count)).isEqualTo("INVALIDJOB");
        assertThat(message(count)).contains("COUNT()");
        for (Reply refused : List.of(groupBy, offset, subquery)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(errorCode(refused)).isEqualTo("MALFORMED_QUERY");
        }
        assertThat(badOperation.status()).isEqualTo(400);
        assertThat(simulator.bulkJobs()).isEmpty();
    }

    @Test
    void queryJobsCanBeAbortedListedAndDeleted() {
        String aborted = createQuery("query", "SELECT Name FROM Account")
                .json()
                .get("id")
                .asText();
        String completed = createQuery("query", "SELECT Name FROM Account")
                .json()
                .get("id")
                .asText();
        pollQueryUntilFinished(completed);

        Reply abort = client.send("PATCH", QUERY + "/" + aborted, Map.of("state", "Aborted"));
        Reply abortCompleted = client.send("PATCH", QUERY + "/" + completed, Map.of("state", "Aborted"));
        Reply resultsOfAborted = client.get(QUERY + "/" + aborted + "/results");
        Reply list = client.get(QUERY);
        Reply asIngest = client.get(INGEST + "/" + completed);
        Reply deleted = client.send("DELETE", QUERY + "/" + completed, null);

        assertThat(abort.json().get("state").asText()).isEqualTo("Aborted");
        assertThat(abortCompleted.status()).isEqualTo(409);
        assertThat(resultsOfAborted.status()).isEqualTo(409);
        assertThat(list.json().get("records"))
                .extracting(job -> job.get("id").asText())
                .containsExactly(aborted, completed);
        assertThat(asIngest.status()).isEqualTo(404);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(client.get(QUERY + "/" + completed).status()).isEqualTo(404);
        assertThat(simulator.bulkJobs()).extracting(BulkJobSummary::state).containsExactly("Aborted", "JobComplete");
    }

    @Test
    void limitsCountQueryJobsAndIngestBatches() {
        createQuery("query", "SELECT Name FROM Account");
        pollUntilFinished(uploadAndClose(Map.of("object", "Account", "operation", "insert"), "Name\nA\n"));

        JsonNode limits = client.get(DATA + "/limits").json();

        assertThat(limits.get("DailyBulkV2QueryJobs").get("Remaining").asLong())
                .isEqualTo(limits.get("DailyBulkV2QueryJobs").get("Max").asLong() - 1);
        assertThat(limits.get("DailyBulkApiBatches").get("Remaining").asLong())
                .isEqualTo(limits.get("DailyBulkApiBatches").get("Max").asLong() - 1);
    }

    @Test
    void largeJobsAreWrittenInInternalBatchesAndReadInDefaultChunks() {
        StringBuilder csv = new StringBuilder("Name,PRM_Partner_Id__c\n");
        for (int i = 0; i < 100_001; i++) {
            csv.append("Partner ").append(i).append(",P-").append(i).append('\n');
        }

        JsonNode written =
                pollUntilFinished(uploadAndClose(Map.of("object", "Account", "operation", "insert"), csv.toString()));
        String query = createQuery("query", "SELECT PRM_Partner_Id__c FROM Account")
                .json()
                .get("id")
                .asText();
        pollQueryUntilFinished(query);
        List<String> counts = new ArrayList<>();
        long rows = 0;
        String locator = null;
        do {
            Reply chunk = client.get(QUERY + "/" + query + "/results" + (locator == null ? "" : "?locator=" + locator));
            counts.add(chunk.header("Sforce-NumberOfRecords"));
            rows += chunk.body().lines().count() - 1;
            locator = chunk.header("Sforce-Locator");
        } while (!locator.equals("null"));

        assertThat(written.get("numberRecordsProcessed").asLong()).isEqualTo(100_001);
        assertThat(written.get("numberRecordsFailed").asLong()).isZero();
        assertThat(counts).containsExactly("50000", "50000", "1");
        assertThat(rows).isEqualTo(100_001);
        JsonNode batches = client.get(DATA + "/limits").json().get("DailyBulkApiBatches");
        assertThat(batches.get("Max").asLong() - batches.get("Remaining").asLong())
                .isEqualTo(11);
    }

    @Test
    void onlyTheLatestJobsStayAvailableButEverySummaryIsKept() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            ids.add(createQuery("query", "SELECT Name FROM Account")
                    .json()
                    .get("id")
                    .asText());
        }

        assertThat(client.get(QUERY + "/" + ids.get(0)).status()).isEqualTo(404);
        assertThat(client.get(QUERY + "/" + ids.get(1)).status()).isEqualTo(200);
        assertThat(client.get(QUERY).json().get("records")).hasSize(200);
        assertThat(simulator.bulkJobs()).hasSize(201);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** An open ingest job inserting accounts; its id. */
    private String openAccountInsertJob() {
        return createIngest(Map.of("object", "Account", "operation", "insert"))
                .json()
                .get("id")
                .asText();
    }

    private Reply createIngest(Map<String, String> job) {
        Map<String, String> body = new LinkedHashMap<>(Map.of("contentType", "CSV", "lineEnding", "LF"));
        body.putAll(job);
        return client.send("POST", INGEST, body);
    }

    private Reply createQuery(String operation, String soql) {
        return client.send("POST", QUERY, Map.of("operation", operation, "query", soql));
    }

    private Reply close(String id) {
        return client.send("PATCH", INGEST + "/" + id, Map.of("state", "UploadComplete"));
    }

    private String uploadAndClose(Map<String, String> job, String csv) {
        String id = createIngest(job).json().get("id").asText();
        assertThat(client.putCsv(INGEST + "/" + id + "/batches", csv).status()).isEqualTo(201);
        assertThat(close(id).status()).isEqualTo(200);
        return id;
    }

    private JsonNode pollUntilFinished(String id) {
        return poll(INGEST + "/" + id);
    }

    private JsonNode pollQueryUntilFinished(String id) {
        return poll(QUERY + "/" + id);
    }

    private JsonNode poll(String path) {
        for (int i = 0; i < 20; i++) {
            JsonNode job = client.get(path).json();
            if (List.of("JobComplete", "Failed", "Aborted")
                    .contains(job.get("state").asText())) {
                return job;
            }
        }
        throw new AssertionError("job never finished: " + path);
    }

    private String results(String id, String kind) {
        Reply reply = client.get(INGEST + "/" + id + "/" + kind);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/csv");
        return reply.body();
    }

    private static List<String> header(String csv) {
        return readRows(csv).get(0);
    }

    private static List<Map<String, String>> csvRows(String csv) {
        List<List<String>> rows = readRows(csv);
        List<Map<String, String>> records = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, String> record = new LinkedHashMap<>();
            for (int i = 0; i < rows.get(0).size(); i++) {
                record.put(rows.get(0).get(i), row.get(i));
            }
            records.add(record);
        }
        return records;
    }

    private static List<List<String>> readRows(String csv) {
        try (MappingIterator<List<String>> rows =
                CSV.readerForListOf(String.class).with(CsvSchema.emptySchema()).readValues(csv)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
