package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /query}, {@code /queryAll} and the next-page locators they hand out. */
final class QueryHandler {

    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize\\s*=\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final int MIN_BATCH = 200;
    private static final int MAX_BATCH = 2000;
    private static final int LONG_TEXT_BATCH = 200;

    private final SimulatedOrg org;
    private final FaultKnobs faults;
    private final QueryEngine engine;
    private final QueryCursors cursors;

    QueryHandler(SimulatedOrg org, FaultKnobs faults) {
        this.org = org;
        this.faults = faults;
        this.engine = new QueryEngine(org.schema());
        this.cursors = new QueryCursors(org::now);
    }

    ApiResponse query(ApiRequest request) {
        return run(request, false);
    }

    ApiResponse queryAll(ApiRequest request) {
        return run(request, true);
    }

    ApiResponse more(ApiRequest request) {
        boolean all = request.resource().get(0).equals("queryAll");
        QueryCursors.Page page = cursors.next(request.resource().get(1))
                .orElseThrow(() -> ApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator"));
        return ApiResponse.json(200, render(page, page.totalSize(), all, request.apiVersion()));
    }

    private ApiResponse run(ApiRequest request, boolean all) {
        String soql = request.param("q")
                .filter(q -> !q.isBlank())
                .orElseThrow(() -> ApiException.badRequest("MALFORMED_QUERY", "A query string has to be specified"));
        QueryEngine.Prepared prepared;
        try {
            prepared = engine.prepare(soql);
        } catch (SoqlException e) {
            throw e.toApiException(soql);
        }
        QueryEngine.Result result = org.read(data -> prepared.run(data, all, request.apiVersion()));
        QueryCursors.Page page = cursors.first(result.records(), pageSize(request, prepared));
        return ApiResponse.json(200, render(page, result.totalSize(), all, request.apiVersion()));
    }

    /**
     * The batch size is a hint, and Salesforce may answer with fewer records: never more than 200 a page when the
     * query selects two or more long text areas, and shorter pages whenever the fault knobs ask for them.
     */
    private int pageSize(ApiRequest request, QueryEngine.Prepared prepared) {
        int size = batchSize(request);
        if (prepared.longTextFields() >= 2) {
            size = Math.min(size, LONG_TEXT_BATCH);
        }
        int limit = faults.queryPageLimit();
        return limit > 0 ? Math.min(size, limit) : size;
    }

    /** {@code Sforce-Query-Options: batchSize=N} is a hint Salesforce keeps within 200..2000. */
    private static int batchSize(ApiRequest request) {
        String options = request.header("Sforce-Query-Options");
        if (options == null) {
            return MAX_BATCH;
        }
        Matcher matcher = BATCH_SIZE.matcher(options);
        if (!matcher.find()) {
            return MAX_BATCH;
        }
        long requested = Long.parseLong(matcher.group(1));
        return (int) Math.max(MIN_BATCH, Math.min(MAX_BATCH, requested));
    }

    private static ObjectNode render(QueryCursors.Page page, int totalSize, boolean all, String apiVersion) {
        ObjectNode body = Json.object().put("totalSize", totalSize).put("done", page.nextLocator() == null);
        if (page.nextLocator() != null) {
            body.put(
                    "nextRecordsUrl",
                    "/services/data/v" + apiVersion + "/" + (all ? "queryAll" : "query") + "/" + page.nextLocator());
        }
        ArrayNode records = body.putArray("records");
        page.records().forEach(records::add);
        return body;
    }
}
