package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Versions, describe calls and limits: the read-only metadata a client asks for before working. */
final class MetadataHandler {

    private final SimulatedOrg org;
    private final String advertisedVersion;
    private final BulkJobs bulkJobs;

    MetadataHandler(SimulatedOrg org, String advertisedVersion, BulkJobs bulkJobs) {
        this.org = org;
        this.advertisedVersion = advertisedVersion;
        this.bulkJobs = bulkJobs;
    }

    ApiResponse versions(ApiRequest request) {
        ArrayNode versions = Json.array();
        versions.addObject()
                .put("label", "Simulated")
                .put("url", "/services/data/v" + advertisedVersion)
                .put("version", advertisedVersion);
        return ApiResponse.json(200, versions);
    }

    ApiResponse globalDescribe(ApiRequest request) {
        ObjectNode body = Json.object().put("encoding", "UTF-8").put("maxBatchSize", 200);
        ArrayNode sobjects = body.putArray("sobjects");
        org.schema().objects().forEach(type -> sobjects.add(summary(type, request.apiVersion())));
        return ApiResponse.json(200, body);
    }

    ApiResponse basicInfo(ApiRequest request) {
        ObjectDef type = SObjectHandler.typeFromPath(org, request);
        ObjectNode body = Json.object();
        body.set("objectDescribe", summary(type, request.apiVersion()));
        body.putArray("recentItems");
        return ApiResponse.json(200, body);
    }

    ApiResponse describe(ApiRequest request) {
        ObjectDef type = SObjectHandler.typeFromPath(org, request);
        ObjectNode body = summary(type, request.apiVersion());
        ArrayNode fields = body.putArray("fields");
        for (FieldDef field : type.fields()) {
            ObjectNode node = fields.addObject()
                    .put("name", field.name())
                    .put("label", field.label())
                    .put("type", field.type().describeName())
                    .put("length", field.length())
                    .put("precision", field.precision())
                    .put("scale", field.scale())
                    .put("restrictedPicklist", !field.restrictedValues().isEmpty())
                    .put("calculated", type.isCalculated(field.name()))
                    .put("custom", field.name().endsWith("__c"))
                    .put("nillable", field.nillable())
                    .put("createable", field.createable() && !type.isCalculated(field.name()))
                    .put("updateable", field.updateable() && !type.isCalculated(field.name()))
                    .put("defaultedOnCreate", field.defaultValue() != null || field.system())
                    .put("externalId", field.externalId())
                    .put("unique", field.unique())
                    .put("idLookup", field.externalId() || field.name().equals("Id"))
                    .put("filterable", field.type().isFilterable())
                    .put("sortable", field.type().isFilterable())
                    .put("relationshipName", field.relationshipName());
            ArrayNode picklistValues = node.putArray("picklistValues");
            field.restrictedValues()
                    .forEach(value -> picklistValues
                            .addObject()
                            .put("value", value)
                            .put("label", value)
                            .put("active", true));
            ArrayNode referenceTo = node.putArray("referenceTo");
            if (field.referenceTo() != null) {
                referenceTo.add(field.referenceTo());
            }
        }
        return ApiResponse.json(200, body);
    }

    ApiResponse limits(ApiRequest request) {
        ApiUsage usage = org.usage();
        ObjectNode body = Json.object();
        body.putObject("DailyApiRequests").put("Max", usage.limit()).put("Remaining", usage.limit() - usage.used());
        body.putObject("DailyBulkApiBatches")
                .put("Max", BulkJobs.DAILY_BATCHES)
                .put("Remaining", Math.max(0, BulkJobs.DAILY_BATCHES - bulkJobs.batchesProcessed()));
        body.putObject("DailyBulkV2QueryJobs")
                .put("Max", BulkJobs.DAILY_QUERY_JOBS)
                .put("Remaining", Math.max(0, BulkJobs.DAILY_QUERY_JOBS - bulkJobs.queryJobsCreated()));
        body.putObject("DataStorageMB").put("Max", 1024).put("Remaining", 1024);
        return ApiResponse.json(200, body);
    }

    private static ObjectNode summary(ObjectDef type, String apiVersion) {
        String base = "/services/data/v" + apiVersion + "/sobjects/" + type.name();
        ObjectNode node = Json.object()
                .put("name", type.name())
                .put("label", type.label())
                .put("keyPrefix", type.keyPrefix())
                .put("custom", type.custom())
                .put("queryable", true)
                .put("createable", true)
                .put("updateable", true)
                .put("deletable", true);
        node.putObject("urls")
                .put("sobject", base)
                .put("describe", base + "/describe")
                .put("rowTemplate", base + "/{ID}");
        return node;
    }
}
