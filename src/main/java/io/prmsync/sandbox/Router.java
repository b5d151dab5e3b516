package io.prmsync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Maps method and path to the endpoint they stand for and the handler that answers. */
final class Router {

    interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    record Route(Endpoint endpoint, boolean authenticated, Handler handler) {}

    private static final Pattern VERSION = Pattern.compile("v\\d{2}\\.\\d");

    private final TokenService tokens;
    private final QueryHandler queries;
    private final CompositeHandler composite;
    private final SObjectHandler sobjects;
    private final CollectionsHandler collections;
    private final CollectionRetrieval retrieval;
    private final MetadataHandler metadata;
    private final BulkIngestHandler ingest;
    private final BulkQueryHandler bulkQueries;

    Router(
            TokenService tokens,
            QueryHandler queries,
            SObjectHandler sobjects,
            CollectionsHandler collections,
            CollectionRetrieval retrieval,
            MetadataHandler metadata,
            BulkIngestHandler ingest,
            BulkQueryHandler bulkQueries) {
        this.tokens = tokens;
        this.queries = queries;
        this.composite = new CompositeHandler(queries);
        this.sobjects = sobjects;
        this.collections = collections;
        this.retrieval = retrieval;
        this.metadata = metadata;
        this.ingest = ingest;
        this.bulkQueries = bulkQueries;
    }

    Route resolve(ApiRequest request) {
        List<String> s = request.segments();
        boolean services = s.size() >= 2 && s.get(0).equals("services");
        if (services && s.size() == 3 && s.get(1).equals("oauth2")) {
            return switch (s.get(2)) {
                case "token" -> pick(request.method(), Map.of("POST", new Route(Endpoint.TOKEN, false, tokens::token)));
                case "revoke" -> new Route(Endpoint.REVOKE, false, tokens::revoke);
                default -> notFound(false);
            };
        }
        if (!services || !s.get(1).equals("data")) {
            return notFound(false);
        }
        if (s.size() == 2) {
            return new Route(Endpoint.OTHER, false, metadata::versions);
        }
        if (s.size() < 4 || !VERSION.matcher(s.get(2)).matches()) {
            return notFound(true);
        }
        return data(request.method(), request.resource());
    }

    private Route data(String method, List<String> rest) {
        int n = rest.size();
        switch (rest.get(0)) {
            case "query", "queryAll" -> {
                boolean all = rest.get(0).equals("queryAll");
                if (n == 1) {
                    return pick(
                            method,
                            Map.of(
                                    "GET",
                                    all
                                            ? api(Endpoint.QUERY_ALL, queries::queryAll)
                                            : api(Endpoint.QUERY, queries::query)));
                }
                if (n == 2) {
                    return pick(method, Map.of("GET", api(Endpoint.QUERY_MORE, queries::more)));
                }
            }
            case "sobjects" -> {
                if (n == 1) {
                    return pick(method, Map.of("GET", api(Endpoint.DESCRIBE, metadata::globalDescribe)));
                }
                if (n == 2) {
                    return pick(
                            method,
                            Map.of(
                                    "GET",
                                    api(Endpoint.DESCRIBE, metadata::basicInfo),
                                    "POST",
                                    api(Endpoint.SOBJECT_CREATE, sobjects::create)));
                }
                if (n == 3 && rest.get(2).equals("describe")) {
                    return pick(method, Map.of("GET", api(Endpoint.DESCRIBE, metadata::describe)));
                }
                if (n == 3) {
                    return pick(
                            method,
                            Map.of(
                                    "GET",
                                    api(Endpoint.SOBJECT_GET, sobjects::get),
                                    "PATCH",
                                    api(Endpoint.SOBJECT_UPDATE, sobjects::update),
                                    "DELETE",
                                    api(Endpoint.SOBJECT_DELETE, sobjects::delete)));
                }
                if (n == 4) {
                    return pick(
                            method,
                            Map.of(
                                    "GET",
                                    api(Endpoint.SOBJECT_GET, sobjects::getByExternalId),
                                    "PATCH",
                                    api(Endpoint.SOBJECT_UPSERT, sobjects::upsert)));
                }
            }
            case "composite" -> {
                if (n == 1) {
                    return pick(method, Map.of("POST", api(Endpoint.COMPOSITE, composite::composite)));
                }
                if (n >= 2 && n <= 4 && rest.get(1).equals("sobjects")) {
                    return collections(method, n);
                }
            }
            case "limits" -> {
                if (n == 1) {
                    return pick(method, Map.of("GET", api(Endpoint.LIMITS, metadata::limits)));
                }
            }
            case "jobs" -> {
                if (n >= 2 && n <= 4 && rest.get(1).equals("ingest")) {
                    return ingestJobs(method, rest);
                }
                if (n >= 2 && n <= 4 && rest.get(1).equals("query")) {
                    return queryJobs(method, rest);
                }
            }
            default -> {
                return notFound(true);
            }
        }
        return notFound(true);
    }

    private Route collections(String method, int segments) {
        return switch (segments) {
            case 2 ->
                pick(
                        method,
                        Map.of(
                                "POST",
                                api(Endpoint.COLLECTION_CREATE, collections::create),
                                "PATCH",
                                api(Endpoint.COLLECTION_UPDATE, collections::update),
                                "DELETE",
                                api(Endpoint.COLLECTION_DELETE, collections::delete)));
            case 3 ->
                pick(
                        method,
                        Map.of(
                                "GET",
                                api(Endpoint.COLLECTION_RETRIEVE, retrieval::retrieve),
                                "POST",
                                api(Endpoint.COLLECTION_RETRIEVE, retrieval::retrieve)));
            default -> pick(method, Map.of("PATCH", api(Endpoint.COLLECTION_UPSERT, collections::upsert)));
        };
    }

    /** {@code jobs/ingest[/{id}[/batches|/successfulResults|/failedResults|/unprocessedrecords]]}. */
    private Route ingestJobs(String method, List<String> rest) {
        return switch (rest.size()) {
            case 2 ->
                pick(
                        method,
                        Map.of(
                                "GET",
                                api(Endpoint.BULK_INGEST_LIST, ingest::list),
                                "POST",
                                api(Endpoint.BULK_INGEST_CREATE, ingest::create)));
            case 3 ->
                pick(
                        method,
                        Map.of(
                                "GET",
                                api(Endpoint.BULK_INGEST_GET, ingest::get),
                                "PATCH",
                                api(Endpoint.BULK_INGEST_STATE, ingest::changeState),
                                "DELETE",
                                api(Endpoint.BULK_INGEST_DELETE, ingest::delete)));
            default ->
                switch (rest.get(3)) {
                    case "batches" -> pick(method, Map.of("PUT", api(Endpoint.BULK_INGEST_UPLOAD, ingest::upload)));
                    case "successfulResults", "failedResults", "unprocessedrecords" ->
                        pick(method, Map.of("GET", api(Endpoint.BULK_INGEST_RESULTS, ingest::results)));
                    default -> notFound(true);
                };
        };
    }

    /** {@code jobs/query[/{id}[/results]]}. */
    private Route queryJobs(String method, List<String> rest) {
        return switch (rest.size()) {
            case 2 ->
                pick(
                        method,
                        Map.of(
                                "GET",
                                api(Endpoint.BULK_QUERY_LIST, bulkQueries::list),
                                "POST",
                                api(Endpoint.BULK_QUERY_CREATE, bulkQueries::create)));
            case 3 ->
                pick(
                        method,
                        Map.of(
                                "GET",
                                api(Endpoint.BULK_QUERY_GET, bulkQueries::get),
                                "PATCH",
                                api(Endpoint.BULK_QUERY_STATE, bulkQueries::changeState),
                                "DELETE",
                                api(Endpoint.BULK_QUERY_DELETE, bulkQueries::delete)));
            default ->
                rest.get(3).equals("results")
                        ? pick(method, Map.of("GET", api(Endpoint.BULK_QUERY_RESULTS, bulkQueries::results)))
                        : notFound(true);
        };
    }

    private static Route api(Endpoint endpoint, Handler handler) {
        return new Route(endpoint, true, handler);
    }

    private static Route pick(String method, Map<String, Route> byMethod) {
        Route route = byMethod.get(method);
        if (route != null) {
            return route;
        }
        String allowed = String.join(",", new TreeSet<>(byMethod.keySet()));
        boolean authenticated = byMethod.values().iterator().next().authenticated();
        return new Route(Endpoint.OTHER, authenticated, request -> {
            throw ApiException.of(
                    405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are " + allowed);
        });
    }

    private static Route notFound(boolean authenticated) {
        return new Route(Endpoint.OTHER, authenticated, request -> {
            throw ApiException.notFound();
        });
    }
}
