package io.prmsync.salesforce;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;

/**
 * The Salesforce operations the service uses, as plain Java calls: typed requests in, typed answers out, every
 * request counted. Made by {@link SalesforceGateway}, which sends each through its guarded route.
 */
public final class SalesforceCalls {

    private static final String QUERY_OPTIONS_HEADER = "Sforce-Query-Options";
    private static final String JOB_ID_HEADER = "jobId";
    /** Salesforce allows five query or collection subrequests in one composite request. */
    public static final int MAX_QUERIES_PER_CALL = 5;

    private final SalesforceGateway gateway;
    private final Runnable onEachCall;

    SalesforceCalls(SalesforceGateway gateway, Runnable onEachCall) {
        this.gateway = gateway;
        this.onEachCall = onEachCall;
    }

    /** The first page of a query's live records (up to 2,000). */
    public QueryPage query(String soql) {
        return page(call("query", soql, Map.of()));
    }

    /** Every page of a query's live records, one at a time, so memory holds one page whatever the result's size. */
    public void forEachPage(String soql, Consumer<QueryPage> pages) {
        forEachPage(query(soql), pages);
    }

    /** A first page already read, and every page after it. */
    public void forEachPage(QueryPage first, Consumer<QueryPage> pages) {
        for (QueryPage page = first; ; page = queryMore(page.nextRecordsUrl().get())) {
            pages.accept(page);
            if (page.nextRecordsUrl().isEmpty()) {
                return;
            }
        }
    }

    /** The first page of a query that sees deleted records too, pages of up to {@code pageSize} records. */
    public QueryPage queryAll(String soql, int pageSize) {
        return page(call("queryAll", soql, Map.of(QUERY_OPTIONS_HEADER, "batchSize=" + pageSize)));
    }

    /**
     * Every page of every query, the first pages read five to a composite call ({@link #queriesInOneCall}), so
     * long IN lists travel in request bodies and many queries cost few API calls. Pages may come back shorter than
     * asked: the rest of each follows its locator.
     */
    public void forEachPageOfAll(List<String> soqls, Consumer<QueryPage> pages) {
        for (int from = 0; from < soqls.size(); from += MAX_QUERIES_PER_CALL) {
            for (QueryPage first :
                    queriesInOneCall(soqls.subList(from, Math.min(soqls.size(), from + MAX_QUERIES_PER_CALL)))) {
                forEachPage(first, pages);
            }
        }
    }

    /**
     * The first pages of several queries, read in one composite call (one API call; at most
     * {@value #MAX_QUERIES_PER_CALL} queries). The SOQL travels in the request body, so a statement may be far
     * longer than a URL allows. A query Salesforce refuses fails the whole call with its errors.
     */
    public List<QueryPage> queriesInOneCall(List<String> soqls) {
        if (soqls.isEmpty() || soqls.size() > MAX_QUERIES_PER_CALL) {
            throw new IllegalArgumentException(
                    "A composite call carries 1 to " + MAX_QUERIES_PER_CALL + " queries, not " + soqls.size());
        }
        SObjectComposite composite = new SObjectComposite(gateway.apiVersion(), false);
        for (int i = 0; i < soqls.size(); i++) {
            composite.addGeneric(
                    SObjectComposite.Method.GET,
                    "/query/?q=" + URLEncoder.encode(soqls.get(i), StandardCharsets.UTF_8),
                    "q" + i);
        }
        return gateway.pages()
                .readComposite(body(call("composite", composite, Map.of()), SObjectCompositeResponse.class));
    }

    /** The page a previous page's {@code nextRecordsUrl} points to. */
    public QueryPage queryMore(String nextRecordsUrl) {
        return page(call("queryMore", nextRecordsUrl, Map.of()));
    }

    /** The object's fields as describe reports them to the integration user. */
    public ObjectDescription describe(String sObject) {
        return gateway.pages()
                .description(body(call("getDescription", null, Map.of("sObjectName", sObject)), InputStream.class));
    }

    /**
     * Upserts up to 200 records by external id in one sObject Collections call; one outcome per record, in order.
     *
     * @param saveDuplicates save records an alert duplicate rule flags instead of refusing them
     */
    public List<WriteOutcome> upsert(
            String sObject, String externalIdField, List<Map<String, Object>> records, boolean saveDuplicates) {
        Map<String, Object> headers = new HashMap<>(duplicateRule(saveDuplicates));
        headers.putAll(Map.of("sObjectName", sObject, "sObjectIdName", externalIdField, "allOrNone", Boolean.FALSE));
        return outcomes(call("compositeUpsertSObjectCollections", sObjects(sObject, records), headers));
    }

    /** Updates up to 200 records by their {@code Id} field in one sObject Collections call. */
    public List<WriteOutcome> update(String sObject, List<Map<String, Object>> records, boolean saveDuplicates) {
        Map<String, Object> headers = new HashMap<>(duplicateRule(saveDuplicates));
        headers.putAll(Map.of("sObjectName", sObject, "allOrNone", Boolean.FALSE));
        return outcomes(call("compositeUpdateSObjectCollections", sObjects(sObject, records), headers));
    }

    /** The component sends a message's {@code Sforce-*} headers along with the request. */
    private static Map<String, Object> duplicateRule(boolean saveDuplicates) {
        return saveDuplicates ? Map.of("Sforce-Duplicate-Rule-Header", "allowSave=true") : Map.of();
    }

    QueryJob createQueryJob(QueryJob job) {
        return body(call("bulk2CreateQueryJob", job, Map.of()), QueryJob.class);
    }

    QueryJob getQueryJob(String jobId) {
        return body(call("bulk2GetQueryJob", null, Map.of(JOB_ID_HEADER, jobId)), QueryJob.class);
    }

    /** One chunk of a query job's results as CSV, and the locator of the next chunk if there is one. */
    QueryResultsChunk queryJobResults(String jobId, Optional<String> locator, int maxRecords) {
        Map<String, Object> headers = locator.<Map<String, Object>>map(
                        at -> Map.of(JOB_ID_HEADER, jobId, "locator", at, "maxRecords", maxRecords))
                .orElse(Map.of(JOB_ID_HEADER, jobId, "maxRecords", maxRecords));
        Message answer = call("bulk2GetQueryJobResults", null, headers);
        Object next = answer.getHeader("Sforce-Locator");
        String text = next == null ? "" : next.toString();
        return new QueryResultsChunk(
                body(answer, InputStream.class),
                text.isBlank() || "null".equals(text) ? Optional.empty() : Optional.of(text));
    }

    /** A chunk of query job results; its CSV must be read before the next call. */
    record QueryResultsChunk(InputStream csv, Optional<String> nextLocator) {}

    Job createIngestJob(Job job) {
        return body(call("bulk2CreateJob", job, Map.of()), Job.class);
    }

    /** Sends the job's data as bytes, so a retried upload sends it whole again. */
    void uploadIngestData(String jobId, InputStream csv) {
        call("bulk2CreateBatch", csv, Map.of(JOB_ID_HEADER, jobId));
    }

    Job closeIngestJob(String jobId) {
        return body(call("bulk2CloseJob", null, Map.of(JOB_ID_HEADER, jobId)), Job.class);
    }

    Job getIngestJob(String jobId) {
        return body(call("bulk2GetJob", null, Map.of(JOB_ID_HEADER, jobId)), Job.class);
    }

    InputStream successfulResults(String jobId) {
        return body(call("bulk2GetSuccessfulResults", null, Map.of(JOB_ID_HEADER, jobId)), InputStream.class);
    }

    InputStream failedResults(String jobId) {
        return body(call("bulk2GetFailedResults", null, Map.of(JOB_ID_HEADER, jobId)), InputStream.class);
    }

    private Message call(String operation, Object body, Map<String, Object> headers) {
        Message answer = gateway.call(operation, body, headers);
        onEachCall.run();
        return answer;
    }

    private QueryPage page(Message answer) {
        return gateway.pages().read(body(answer, InputStream.class));
    }

    private static List<SObjectRecord> sObjects(String sObject, List<Map<String, Object>> records) {
        return records.stream()
                .map(fields -> new SObjectRecord(sObject, fields))
                .toList();
    }

    private static List<WriteOutcome> outcomes(Message answer) {
        @SuppressWarnings("unchecked")
        List<? extends SaveSObjectResult> results = body(answer, List.class);
        return CollectionResults.outcomes(results);
    }

    private static <T> T body(Message answer, Class<T> type) {
        try {
            return answer.getMandatoryBody(type);
        } catch (InvalidPayloadException e) {
            throw new SalesforceResponseException(
                    "Salesforce answered without the expected " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
