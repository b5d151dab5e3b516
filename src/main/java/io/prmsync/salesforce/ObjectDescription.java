package io.prmsync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What Salesforce's describe tells about an object's fields, as far as a mapping needs it. Field names compare
 * without case, as Salesforce's do. A field the integration user cannot see is not listed at all.
 */
public record ObjectDescription(String name, Map<String, Field> fields) {

    /**
     * @param type describe's type name ({@code string}, {@code picklist}, {@code double}, {@code reference}, ...)
     * @param length the most characters a text field holds; 0 for other types
     * @param calculated a formula or roll-up: its value changes without {@code SystemModstamp} moving
     * @param restrictedTo the only values a restricted picklist accepts (active ones); empty when unrestricted
     */
    public record Field(
            String name,
            String type,
            int length,
            boolean createable,
            boolean updateable,
            boolean calculated,
            boolean externalId,
            java.util.Set<String> restrictedTo) {

        public Field {
            restrictedTo = java.util.Set.copyOf(restrictedTo);
        }
    }

    public Optional<Field> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName.toLowerCase(Locale.ROOT)));
    }

    private static java.util.Set<String> restrictedValues(JsonNode field) {
        java.util.Set<String> values = new java.util.HashSet<>();
        if (field.path("restrictedPicklist").asBoolean(false)) {
            for (JsonNode value : field.path("picklistValues")) {
                if (value.path("active").asBoolean(true)) {
                    values.add(value.path("value").asText());
                }
            }
        }
        return values;
    }

    static ObjectDescription read(InputStream json, ObjectMapper mapper) {
        try (json) {
            JsonNode root = mapper.readTree(json);
            Map<String, Field> fields = new LinkedHashMap<>();
            for (JsonNode field : root.path("fields")) {
                String name = field.path("name").asText();
                fields.put(
                        name.toLowerCase(Locale.ROOT),
                        new Field(
                                name,
                                field.path("type").asText(),
                                field.path("length").asInt(0),
                                field.path("createable").asBoolean(false),
                                field.path("updateable").asBoolean(false),
                                field.path("calculated").asBoolean(false),
                                field.path("externalId").asBoolean(false),
                                restrictedValues(field)));
            }
            return new ObjectDescription(root.path("name").asText(), fields);
        } catch (IOException e) {
            throw new SalesforceResponseException("Salesforce's describe answer is not readable: " + e.getMessage(), e);
        }
    }
}
