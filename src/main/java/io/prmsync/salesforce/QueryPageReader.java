package io.prmsync.salesforce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.mapping.SalesforceRecord;
import io.prmsync.mapping.ValueType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.springframework.stereotype.Component;

/**
 * Reads a raw query response page record by record with a streaming parser, turning each record into a typed
 * {@link SalesforceRecord} as it enters the service.
 */
@Component
public final class QueryPageReader {

    private final ObjectMapper mapper;

    public QueryPageReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Describe answers are read with the same mapper. */
    ObjectDescription description(java.io.InputStream json) {
        return ObjectDescription.read(json, mapper);
    }

    public QueryPage read(InputStream body) {
        try (JsonParser parser = mapper.createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            long totalSize = 0;
            String next = null;
            List<SalesforceRecord> records = List.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "totalSize" -> totalSize = parser.getLongValue();
                    case "nextRecordsUrl" -> next = parser.getValueAsString();
                    case "records" -> records = readRecords(parser);
                    default -> parser.skipChildren();
                }
            }
            return new QueryPage(totalSize, records, Optional.ofNullable(next));
        } catch (IOException e) {
            throw new SalesforceResponseException("Salesforce query response could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * The query pages of a composite answer, in subrequest order; a subrequest Salesforce refused becomes a
     * {@link SalesforceResponseException} naming its errors.
     */
    List<QueryPage> readComposite(SObjectCompositeResponse answer) {
        if (answer.getCompositeResponse() == null) {
            throw new SalesforceResponseException("Salesforce composite response holds no compositeResponse");
        }
        List<QueryPage> pages = new ArrayList<>();
        for (SObjectCompositeResult result : answer.getCompositeResponse()) {
            if (result.getHttpStatusCode() != 200) {
                throw new SalesforceResponseException("Salesforce refused composite subrequest "
                        + result.getReferenceId() + " with HTTP " + result.getHttpStatusCode() + ": "
                        + result.getBody());
            }
            try {
                pages.add(read(new ByteArrayInputStream(mapper.writeValueAsBytes(result.getBody()))));
            } catch (IOException e) {
                throw new SalesforceResponseException(
                        "Salesforce composite subrequest " + result.getReferenceId() + " could not be read: "
                                + e.getMessage(),
                        e);
            }
        }
        return pages;
    }

    private List<SalesforceRecord> readRecords(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY);
        List<SalesforceRecord> records = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = mapper.readValue(parser, LinkedHashMap.class);
            records.add(toRecord(fields));
        }
        return records;
    }

    /** A record from its fields as the REST API renders them, {@code attributes.type} included. */
    public static SalesforceRecord toRecord(Map<String, Object> fields) {
        Object attributes = fields.get("attributes");
        String type = attributes instanceof Map<?, ?> map && map.get("type") != null
                ? map.get("type").toString()
                : null;
        String id = (String) fields.get("Id");
        if (id == null) {
            throw new SalesforceResponseException("Salesforce returned a " + type + " record without an Id");
        }
        return new SalesforceRecord(
                type,
                id,
                instant(fields.get("SystemModstamp"), id),
                instant(fields.get("LastModifiedDate"), id),
                Boolean.TRUE.equals(fields.get("IsDeleted")),
                fields);
    }

    private static Instant instant(Object value, String id) {
        if (value == null) {
            throw new SalesforceResponseException("Salesforce record " + id + " came without SystemModstamp or"
                    + " LastModifiedDate; the query must select them");
        }
        return ValueType.parseSalesforceDateTime(value.toString());
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new SalesforceResponseException("Salesforce query response is not shaped as expected: found " + actual
                    + " where " + expected + " belongs");
        }
    }
}
