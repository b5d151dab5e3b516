package io.prmsync.webhook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.prmsync.salesforce.Soql;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the JSON body of a signed webhook: {@code {"eventId", "entity" | "sObjectType", "id", "operation",
 * "occurredAt"}}. Fields it does not know are ignored, never used. Every value is checked before it is stored:
 * a Salesforce id must have the Salesforce id shape (so it can never change a SOQL query), and a PRM key must be
 * printable text that fits the store.
 */
final class JsonWebhookEvents {

    static final Set<String> OPERATIONS = Set.of("upsert", "delete");
    private static final Pattern SOBJECT_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** No control, format, separator, surrogate or unassigned characters: ids end up in logs, SQL and SOQL. */
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}\\p{Cn}]+");

    static final int MAX_EVENT_ID = 128;
    static final int MAX_KEY = 64;

    private final ObjectMapper json;
    /** Strict where the shared mapper is lenient: a second value after the object, or a key given twice, is refused. */
    private final ObjectReader reader;

    JsonWebhookEvents(ObjectMapper json) {
        this.json = json;
        this.reader = json.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** JSON on the wire is UTF-8 (RFC 8259); anything else is refused rather than guessed. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw WebhookRejectedException.badRequest("The body must be UTF-8 encoded JSON");
        }
    }

    /** What the inbox keeps of the request: the event as read, not the raw body (whose other fields mean nothing). */
    private String normalized(String source, String eventId, String entity, String id, String operation) {
        try {
            Map<String, String> event = new LinkedHashMap<>();
            event.put("source", source);
            event.put("eventId", eventId);
            event.put("entity", entity);
            event.put("id", id);
            event.put("operation", operation);
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an event as JSON", e);
        }
    }

    /** A PRM application event about one of {@code entities}. */
    WebhookEvent prm(byte[] body, String signature, Set<String> entities) {
        JsonNode event = object(body);
        String entity = text(event, "entity", 64);
        if (!entities.contains(entity)) {
            throw WebhookRejectedException.badRequest(
                    "'entity' is '" + entity + "'; this service syncs " + new TreeSet<>(entities));
        }
        String id = text(event, "id", MAX_KEY);
        String eventId = text(event, "eventId", MAX_EVENT_ID);
        String operation = operation(event);
        return new WebhookEvent(
                WebhookEvent.PRM,
                eventId,
                entity,
                id,
                operation,
                signature,
                normalized(WebhookEvent.PRM, eventId, entity, id, operation));
    }

    /** A Salesforce callout (Flow or Apex) about a record of one of {@code sObjectTypes}. */
    WebhookEvent salesforce(byte[] body, String signature, Set<String> sObjectTypes) {
        JsonNode event = object(body);
        String type = text(event, "sObjectType", 64);
        if (!SOBJECT_TYPE.matcher(type).matches()) {
            throw WebhookRejectedException.badRequest("'sObjectType' must be an sObject API name such as Account");
        }
        if (!sObjectTypes.contains(type)) {
            throw WebhookRejectedException.badRequest("'sObjectType' is '" + type
                    + "'; no inbound flow reads it. Inbound flows read " + new TreeSet<>(sObjectTypes));
        }
        String id = text(event, "id", 18);
        if (!Soql.isId(id)) {
            throw WebhookRejectedException.badRequest("'id' must be a 15- or 18-character Salesforce id");
        }
        String eventId = text(event, "eventId", MAX_EVENT_ID);
        String operation = operation(event);
        return new WebhookEvent(
                WebhookEvent.SALESFORCE,
                eventId,
                type,
                id,
                operation,
                signature,
                normalized(WebhookEvent.SALESFORCE, eventId, type, id, operation));
    }

    private JsonNode object(byte[] body) {
        JsonNode node;
        try {
            node = reader.readTree(utf8(body));
        } catch (JacksonException e) {
            throw WebhookRejectedException.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("The body could not be read as JSON");
        }
        if (node == null || !node.isObject()) {
            throw WebhookRejectedException.badRequest("The body must be one JSON object");
        }
        return node;
    }

    private static String text(JsonNode event, String field, int maxLength) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            throw WebhookRejectedException.badRequest("'" + field + "' is missing");
        }
        if (!value.isTextual()) {
            throw WebhookRejectedException.badRequest("'" + field + "' must be a string");
        }
        String text = value.asText();
        if (text.isBlank()
                || text.length() > maxLength
                || !PRINTABLE.matcher(text).matches()) {
            throw WebhookRejectedException.badRequest(
                    "'" + field + "' must be 1 to " + maxLength + " printable characters");
        }
        return text;
    }

    private static String operation(JsonNode event) {
        String operation = text(event, "operation", 16);
        if (!OPERATIONS.contains(operation)) {
            throw WebhookRejectedException.badRequest(
                    "'operation' must be 'upsert' or 'delete', not '" + operation + "'");
        }
        JsonNode occurredAt = event.get("occurredAt");
        if (occurredAt != null && !occurredAt.isNull()) {
            try {
                Instant.parse(occurredAt.asText());
            } catch (DateTimeParseException e) {
                throw WebhookRejectedException.badRequest(
                        "'occurredAt' must be an ISO-8601 instant such as" + " 2026-11-28T09:15:00Z");
            }
        }
        return operation;
    }
}
