package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Jobs;
import org.apache.camel.component.salesforce.api.dto.bulkv2.LineEndingEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Camel Salesforce component's {@code bulk2*} operations against the simulator: what they send, and what a
 * route gets back (bodies, headers, errors).
 */
class CamelBulkApiTest {

    private SalesforceSimulator simulator;
    private DefaultCamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        camel = new DefaultCamelContext();
        camel.addComponent("salesforce", CamelSalesforceComponentTest.component(simulator));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        simulator.close();
    }

    @Test
    void ingestJobRunsFromCreationToItsResults() {
        simulator.org().insert("Account", Map.of("Name", "Existing", "PRM_Partner_Id__c", "P-1"));
        Job definition = new Job();
        definition.setObject("Account");
        definition.setOperation(OperationEnum.UPSERT);
        definition.setExternalIdFieldName("PRM_Partner_Id__c");
        definition.setContentType(ContentTypeEnum.CSV);
        definition.setLineEnding(LineEndingEnum.LF);

        Job created = template.requestBody("salesforce:bulk2CreateJob", definition, Job.class);
        String id = created.getId();
        Exchange upload = template.request("salesforce:bulk2CreateBatch", exchange -> {
            exchange.getIn().setHeader("jobId", id);
            exchange.getIn().setBody(csv("PRM_Partner_Id__c,Name\nP-1,Renamed\nP-2,New\nP-3,\n"));
        });
        Job closed = template.requestBodyAndHeader("salesforce:bulk2CloseJob", null, "jobId", id, Job.class);
        List<JobStateEnum> polled = new ArrayList<>();
        Job job;
        do {
            job = template.requestBodyAndHeader("salesforce:bulk2GetJob", null, "jobId", id, Job.class);
            polled.add(job.getState());
        } while (job.getState() != JobStateEnum.JOB_COMPLETE && polled.size() < 10);
        String successes = text(template.requestBodyAndHeader(
                "salesforce:bulk2GetSuccessfulResults", null, "jobId", id, InputStream.class));
        String failures = text(template.requestBodyAndHeader(
                "salesforce:bulk2GetFailedResults", null, "jobId", id, InputStream.class));

        assertThat(id).startsWith("750");
        assertThat(created.getState()).isEqualTo(JobStateEnum.OPEN);
        assertThat(created.getJobType()).isEqualTo(JobTypeEnum.V2INGEST);
        assertThat(created.getApiVersion()).isEqualTo("62.0");
        assertThat(created.getCreatedDate()).isNotNull();
        assertThat(created.getContentUrl()).endsWith("/jobs/ingest/" + id + "/batches");
        assertThat(upload.getException()).isNull();
        assertThat(upload.getMessage().getBody()).isNull();
        assertThat(upload.getMessage().getHeader("CamelHttpResponseCode")).isEqualTo("201");
        assertThat(closed.getState()).isEqualTo(JobStateEnum.UPLOAD_COMPLETE);
        assertThat(polled).containsExactly(JobStateEnum.IN_PROGRESS, JobStateEnum.JOB_COMPLETE);
        assertThat(job.getNumberRecordsProcessed()).isEqualTo(3);
        assertThat(job.getNumberRecordsFailed()).isEqualTo(1);
        assertThat(successes.lines().toList())
                .hasSize(3)
                .first()
                .isEqualTo("\"sf__Id\",\"sf__Created\",\"PRM_Partner_Id__c\",\"Name\"");
        assertThat(successes).contains("\"false\",\"P-1\",\"Renamed\"").contains("\"true\",\"P-2\",\"New\"");
        assertThat(failures.lines().toList())
                .containsExactly(
                        "\"sf__Id\",\"sf__Error\",\"PRM_Partner_Id__c\",\"Name\"",
                        "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"P-3\",\"\"");
        assertThat(simulator.org().findByField("Account", "PRM_Partner_Id__c", "P-1"))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("Name", "Renamed"));
    }

    @Test
    void queryJobResultsArePagedWithTheLocatorHeader() {
        for (int i = 0; i < 5; i++) {
            simulator.org().insert("Account", Map.of("Name", "Partner " + i));
        }
        QueryJob definition = new QueryJob();
        definition.setOperation(OperationEnum.QUERY);
        definition.setQuery("SELECT Id, Name FROM Account ORDER BY Name");
        definition.setContentType(ContentTypeEnum.CSV);

        QueryJob created = template.requestBody("salesforce:bulk2CreateQueryJob", definition, QueryJob.class);
        String id = created.getId();
        QueryJob job;
        int polls = 0;
        do {
            job = template.requestBodyAndHeader("salesforce:bulk2GetQueryJob", null, "jobId", id, QueryJob.class);
            polls++;
        } while (job.getState() != JobStateEnum.JOB_COMPLETE && polls < 10);
        List<String> names = new ArrayList<>();
        List<Object> locators = new ArrayList<>();
        Object locator = null;
        do {
            Object current = locator;
            Exchange chunk = template.request("salesforce:bulk2GetQueryJobResults", exchange -> {
                exchange.getIn().setHeader("jobId", id);
                exchange.getIn().setHeader("maxRecords", 2);
                if (current != null) {
                    exchange.getIn().setHeader("locator", current);
                }
            });
            assertThat(chunk.getMessage().getBody()).isInstanceOf(InputStream.class);
            text(chunk.getMessage().getBody(InputStream.class)).lines().skip(1).forEach(names::add);
            assertThat(chunk.getMessage().getHeader("Sforce-NumberOfRecords")).isInstanceOf(String.class);
            locator = chunk.getMessage().getHeader("Sforce-Locator");
            locators.add(locator);
        } while (!"null".equals(locator));

        assertThat(created.getState()).isEqualTo(JobStateEnum.UPLOAD_COMPLETE);
        assertThat(created.getJobType()).isEqualTo(JobTypeEnum.V2Query);
        assertThat(polls).isEqualTo(2);
        assertThat(job.getNumberRecordsProcessed()).isEqualTo(5);
        assertThat(names).hasSize(5).allSatisfy(line -> assertThat(line).matches("\"001\\w{15}\",\"Partner \\d\""));
        assertThat(locators)
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).isInstanceOf(String.class))
                .last()
                .isEqualTo("null");
    }

    @Test
    void theLiteralNullLocatorSentBackIsRefused() {
        String id = template.requestBody(
                        "salesforce:bulk2CreateQueryJob", query("SELECT Name FROM Account"), QueryJob.class)
                .getId();
        template.requestBodyAndHeader("salesforce:bulk2GetQueryJob", null, "jobId", id, QueryJob.class);
        template.requestBodyAndHeader("salesforce:bulk2GetQueryJob", null, "jobId", id, QueryJob.class);

        assertThatThrownBy(() -> template.requestBodyAndHeaders(
                        "salesforce:bulk2GetQueryJobResults",
                        null,
                        Map.of("jobId", id, "locator", "null"),
                        InputStream.class))
                .isInstanceOf(CamelExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(SalesforceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getErrors().get(0).getErrorCode()).isEqualTo("INVALID_QUERY_LOCATOR");
                });
    }

    @Test
    void salesforceErrorsReachTheRouteAsSalesforceExceptions() {
        assertThatThrownBy(() -> template.requestBodyAndHeader(
                        "salesforce:bulk2GetJob", null, "jobId", "750000000000000AAA", Job.class))
                .isInstanceOf(CamelExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(SalesforceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getErrors().get(0).getErrorCode()).isEqualTo("NOT_FOUND");
                });
        String id = template.requestBody("salesforce:bulk2CreateJob", insertJob(), Job.class)
                .getId();
        template.requestBodyAndHeader("salesforce:bulk2CreateBatch", csv("Name\nA\n"), "jobId", id);
        template.requestBodyAndHeader("salesforce:bulk2CloseJob", null, "jobId", id, Job.class);
        assertThatThrownBy(() -> template.requestBodyAndHeader(
                        "salesforce:bulk2GetSuccessfulResults", null, "jobId", id, InputStream.class))
                .cause()
                .isInstanceOfSatisfying(SalesforceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(409);
                    assertThat(e.getErrors().get(0).getErrorCode()).isEqualTo("INVALIDJOBSTATE");
                });
        // Camel 4.17's client answers a failed close twice (the 409, then its own failure to read the error as a
        // job), and either may reach the route first: only the exception type is certain.
        assertThatThrownBy(
                        () -> template.requestBodyAndHeader("salesforce:bulk2CloseJob", null, "jobId", id, Job.class))
                .cause()
                .isInstanceOf(SalesforceException.class);
    }

    @Test
    void jobsAreListedAbortedAndDeleted() {
        String id = template.requestBody("salesforce:bulk2CreateJob", insertJob(), Job.class)
                .getId();

        Jobs all = template.requestBody("salesforce:bulk2GetAllJobs", null, Jobs.class);
        Job aborted = template.requestBodyAndHeader("salesforce:bulk2AbortJob", null, "jobId", id, Job.class);
        Object deleted = template.requestBodyAndHeader("salesforce:bulk2DeleteJob", null, "jobId", id);

        assertThat(all.getDone()).isTrue();
        assertThat(all.getRecords()).extracting(Job::getId).containsExactly(id);
        assertThat(aborted.getState()).isEqualTo(JobStateEnum.ABORTED);
        assertThat(deleted).isNull();
        assertThat(simulator.bulkJobs())
                .singleElement()
                .satisfies(job -> assertThat(job.state()).isEqualTo("Aborted"));
        assertThat(simulator.counters().count(Endpoint.BULK_INGEST_DELETE)).isEqualTo(1);
    }

    private static Job insertJob() {
        Job job = new Job();
        job.setObject("Account");
        job.setOperation(OperationEnum.INSERT);
        job.setContentType(ContentTypeEnum.CSV);
        return job;
    }

    private static QueryJob query(String soql) {
        QueryJob job = new QueryJob();
        job.setOperation(OperationEnum.QUERY);
        job.setQuery(soql);
        return job;
    }

    private static InputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
