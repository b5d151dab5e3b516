package io.prmsync.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/**
 * The JSON bodies of the signed webhooks: everything that passed the signature check but must still not reach the
 * inbox. JSON fragments below are written as JSON source text, so {@code \\n} is the two characters of a JSON
 * escape that decodes to a line feed.
 */
class JsonWebhookEventsTest {

    private static final Set<String> ENTITIES = Set.of("partner-account", "certification", "activity");
    private static final Set<String> SOBJECT_TYPES = Set.of("Account", "Partner_Certification__c");
    private static final String SIGNATURE = "ab".repeat(32);

    private final JsonWebhookEvents events = new JsonWebhookEvents(new ObjectMapper());

    // --- accepted ---------------------------------------------------------------------------------------------

    @Test
    void aPrmEventBecomesAnInboxEventOfItsFields() {
        String body = "{\"eventId\":\"evt-1\",\"entity\":\"partner-account\",\"id\":\"P-1\",\"operation\":\"upsert\","
                + "\"occurredAt\":\"2026-11-28T09:15:00Z\"}";

        WebhookEvent event = prm(body);

        // The inbox keeps the event as read, not the raw body.
        assertThat(event)
                .isEqualTo(new WebhookEvent(
                        WebhookEvent.PRM,
                        "evt-1",
                        "partner-account",
                        "P-1",
                        "upsert",
                        SIGNATURE,
                        "{\"source\":\"prm\",\"eventId\":\"evt-1\",\"entity\":\"partner-account\","
                                + "\"id\":\"P-1\",\"operation\":\"upsert\"}"));
        assertThat(event.fromSalesforce()).isFalse();
    }

    @Test
    void aPrmDeletionWithoutOccurredAtIsAccepted() {
        assertThat(prm("{\"eventId\":\"e\",\"entity\":\"certification\",\"id\":\"C-9\",\"operation\":\"delete\"}"))
                .extracting(WebhookEvent::entity, WebhookEvent::recordId, WebhookEvent::operation)
                .containsExactly("certification", "C-9", "delete");
        assertThat(prm("{\"eventId\":\"e\",\"entity\":\"activity\",\"id\":\"A\",\"operation\":\"upsert\","
                                + "\"occurredAt\":null}")
                        .operation())
                .isEqualTo("upsert");
    }

    @Test
    void aSalesforceEventWithAnEighteenCharacterIdBecomesAnInboxEvent() {
        String body = "{\"eventId\":\"a0B000000000001\",\"sObjectType\":\"Account\",\"id\":\"001000000000001AAA\","
                + "\"operation\":\"upsert\",\"occurredAt\":\"2026-11-28T09:15:00.123Z\"}";

        WebhookEvent event = salesforce(body);

        assertThat(event)
                .isEqualTo(new WebhookEvent(
                        WebhookEvent.SALESFORCE,
                        "a0B000000000001",
                        "Account",
                        "001000000000001AAA",
                        "upsert",
                        SIGNATURE,
                        "{\"source\":\"salesforce\",\"eventId\":"
                                + "\"a0B000000000001\",\"entity\":\"Account\",\"id\":\"001000000000001AAA\","
                                + "\"operation\":\"upsert\"}"));
        assertThat(event.fromSalesforce()).isTrue();
    }

    @Test
    void aSalesforceEventWithAFifteenCharacterIdIsAccepted() {
        assertThat(salesforce(sf("Partner_Certification__c", "a01000000000001", "delete")))
                .extracting(WebhookEvent::entity, WebhookEvent::recordId, WebhookEvent::operation)
                .containsExactly("Partner_Certification__c", "a01000000000001", "delete");
    }

    @Test
    void unknownFieldsAreIgnoredAndNeverTakenForTheEventsOwnFields() {
        String body = "{\"source\":\"salesforce\",\"recordId\":\"EVIL\",\"entity\":\"partner-account\","
                + "\"status\":\"DONE\",\"attempts\":99,\"signature\":\"forged\",\"nested\":{\"id\":\"EVIL\","
                + "\"entity\":\"activity\",\"operation\":\"delete\"},\"list\":[{\"eventId\":\"EVIL\"}],"
                + "\"eventId\":\"evt-2\",\"id\":\"P-2\",\"operation\":\"upsert\",\"zzz\":1e308,\"n\":null,"
                + "\"Id\":\"EVIL\",\"ID\":\"EVIL\",\"Entity\":\"EVIL\"}";

        WebhookEvent event = prm(body);

        assertThat(event)
                .isEqualTo(new WebhookEvent(
                        WebhookEvent.PRM,
                        "evt-2",
                        "partner-account",
                        "P-2",
                        "upsert",
                        SIGNATURE,
                        "{\"source\":\"prm\",\"eventId\":\"evt-2\",\"entity\":\"partner-account\","
                                + "\"id\":\"P-2\",\"operation\":\"upsert\"}"));
        assertThat(event.payload()).doesNotContain("EVIL").doesNotContain("forged");
    }

    @Test
    void aSecondValueAfterTheObjectOrAKeyGivenTwiceIsRefused() {
        String valid = prmEvent("partner-account", "P-1", "upsert");
        assertBadRequest(() -> prm(valid + "{}"), "not valid JSON");
        assertBadRequest(() -> prm(valid.replace("{", "{\"id\":\"P-0\",")), "not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "P-1' OR Name != '",
                "P-1\\\\",
                "P-1\\\\' OR 1=1 --",
                "P-\\\"quoted\\\"",
                "%_*?",
                "'; DROP TABLE partner_account; --",
                "${jndi:ldap://x}",
                "<script>",
                "Ünïcödé-键-🙂"
            })
    void prmKeysWithQuotesAndBackslashesAreDataAndKeptExactly(String jsonKey) throws Exception {
        String expected = new ObjectMapper().readValue("\"" + jsonKey + "\"", String.class);

        WebhookEvent event = prm(prmEvent("partner-account", jsonKey, "upsert"));

        assertThat(event.recordId()).isEqualTo(expected);
    }

    @Test
    void limitsAreInclusive() {
        assertThat(prm(prmEvent("partner-account", "k".repeat(64), "upsert")).recordId())
                .hasSize(64);
        assertThat(prm("{\"eventId\":\"" + "e".repeat(128) + "\",\"entity\":\"activity\",\"id\":\"A\","
                                + "\"operation\":\"upsert\"}")
                        .eventId())
                .hasSize(128);
        assertThat(salesforce(sf("A" + "b".repeat(63), "001000000000001", "upsert"), Set.of("A" + "b".repeat(63)))
                        .entity())
                .hasSize(64);
    }

    // --- missing, wrong type, empty, too long -----------------------------------------------------------------

    static Stream<Arguments> requiredFields() {
        return Stream.of(
                Arguments.of("eventId"), Arguments.of("entity"), Arguments.of("id"), Arguments.of("operation"));
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void aMissingOrNullFieldIsRefused(String field) {
        String valid = prmEvent("partner-account", "P-1", "upsert");

        assertBadRequest(() -> prm(withField(valid, field, null)), "'" + field + "' is missing");
        assertBadRequest(() -> prm(withField(valid, field, "null")), "'" + field + "' is missing");
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void aFieldThatIsNotAStringIsRefused(String field) {
        String valid = prmEvent("partner-account", "P-1", "upsert");
        for (String value : new String[] {
            "1",
            "-0.5",
            "1e999",
            "123456789012345678901234567890",
            "true",
            "false",
            "{}",
            "{\"value\":\"P-1\"}",
            "[]",
            "[\"P-1\"]"
        }) {
            assertBadRequest(() -> prm(withField(valid, field, value)), "'" + field + "' must be a string");
        }
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void anEmptyFieldIsRefused(String field) {
        assertBadRequest(
                () -> prm(withField(prmEvent("partner-account", "P-1", "upsert"), field, "\"\"")),
                "'" + field + "' must be 1 to");
    }

    @Test
    void tooLongFieldsAreRefused() {
        assertBadRequest(
                () -> prm(prmEvent("partner-account", "k".repeat(65), "upsert")),
                "'id' must be 1 to 64 printable characters");
        assertBadRequest(
                () -> prm(withField(prmEvent("activity", "A", "upsert"), "eventId", "\"" + "e".repeat(129) + "\"")),
                "'eventId' must be 1 to 128 printable characters");
        assertBadRequest(
                () -> prm(prmEvent("x".repeat(65), "A", "upsert")), "'entity' must be 1 to 64 printable characters");
        assertBadRequest(() -> prm(prmEvent("activity", "A", "u".repeat(17))), "'operation' must be 1 to 16");
        assertBadRequest(
                () -> salesforce(sf("A".repeat(65), "001000000000001", "upsert")), "'sObjectType' must be 1 to 64");
        assertBadRequest(() -> prm(prmEvent("partner-account", "k".repeat(1_000_000), "upsert")), "'id' must be 1");
    }

    // --- control and invisible characters ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "P-1\\n",
                "P\\r\\nX-Injected: 1",
                "P\\u0000",
                "\\u0000",
                "P\\u2028X",
                "P\\u2029",
                "P\\t1",
                "P\\u001b[31m",
                "P\\u007f",
                "P\\u0085",
                "P\\u200b",
                "P\\u202eX",
                "P\\ufeff",
                "\\n"
            })
    void controlAndInvisibleFormatCharactersInIdsAreRefused(String jsonId) {
        assertBadRequest(
                () -> prm(prmEvent("partner-account", jsonId, "upsert")), "'id' must be 1 to 64 printable characters");
        assertBadRequest(
                () -> prm(withField(prmEvent("partner-account", "P-1", "upsert"), "eventId", "\"evt" + jsonId + "\"")),
                "'eventId' must be 1 to 128 printable characters");
        assertBadRequest(() -> salesforce(sf("Account", "001000000000001" + jsonId, "upsert")), "'id'");
    }

    @Test
    void rawControlCharactersInsideAJsonStringAreRefusedAsInvalidJson() {
        assertBadRequest(() -> prm(prmEvent("partner-account", "P\n1", "upsert")), "not valid JSON");
        assertBadRequest(() -> prm(prmEvent("partner-account", "P\u00001", "upsert")), "not valid JSON");
    }

    // --- entity, operation, occurredAt ------------------------------------------------------------------------

    @Test
    void anUnknownEntityIsRefusedAndTheKnownOnesListed() {
        assertBadRequest(
                () -> prm(prmEvent("invoice", "I-1", "upsert")),
                "'entity' is 'invoice'; this service syncs [activity, certification, partner-account]");
        assertBadRequest(() -> prm(prmEvent("Partner-Account", "P-1", "upsert")), "'entity' is 'Partner-Account'");
        assertBadRequest(() -> prm(prmEvent("partner-account ", "P-1", "upsert")), "this service syncs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPSERT", "Delete", "update", "insert", "upsert ", " upsert", "up sert", "merge"})
    void anUnknownOperationIsRefused(String operation) {
        assertBadRequest(
                () -> prm(prmEvent("partner-account", "P-1", operation)),
                "'operation' must be 'upsert' or 'delete', not '" + operation + "'");
        assertBadRequest(
                () -> salesforce(sf("Account", "001000000000001", operation)),
                "'operation' must be 'upsert' or 'delete'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"yesterday\"",
                "\"2026-11-28\"",
                "\"2026-11-28T09:15:00\"",
                "\"2026-13-28T09:15:00Z\"",
                "\"28/11/2026 09:15\"",
                "\"\"",
                "1764321300",
                "true",
                "{}",
                "[\"2026-11-28T09:15:00Z\"]",
                "{\"at\":\"2026-11-28T09:15:00Z\"}"
            })
    void anOccurredAtThatIsNotAnInstantIsRefused(String occurredAt) {
        String body = withField(prmEvent("partner-account", "P-1", "upsert"), "occurredAt", occurredAt);

        assertBadRequest(() -> prm(body), "'occurredAt' must be an ISO-8601 instant");
        assertBadRequest(
                () -> salesforce(withField(sf("Account", "001000000000001", "upsert"), "occurredAt", occurredAt)),
                "'occurredAt' must be an ISO-8601 instant");
    }

    // --- Salesforce ids and types ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "001' OR Name != '",
                "001000000000001\\\\",
                "001000000000001AAA'--",
                "00100000000000",
                "0010000000000012",
                "00100000000000123",
                "0010000000000012345",
                "001000000000001%27",
                "001-00000000001",
                "001 00000000001",
                "00100000000000_",
                "001000000000001AA ",
                "001000000000001\\\"",
                "００１０００００００００００１",
                "٠٠١٠٠٠٠٠٠٠٠٠٠٠١",
                "001000000000001AAA\\u0000",
                "001000000000001AA\\u0130",
                "') OR Id != ('",
                "*",
                "%"
            })
    void aSalesforceIdThatIsNotFifteenOrEighteenAlphanumericsIsRefused(String jsonId) {
        assertBadRequest(() -> salesforce(sf("Account", jsonId, "upsert")), "'id' must be");
    }

    @Test
    void anInjectionShapedSalesforceIdGetsTheSalesforceIdMessage() {
        assertBadRequest(
                () -> salesforce(sf("Account", "001' OR Name != '", "upsert")),
                "'id' must be a 15- or 18-character Salesforce id");
        assertBadRequest(
                () -> salesforce(sf("Account", "001000000000001\\\\", "upsert")),
                "'id' must be a 15- or 18-character Salesforce id");
        // 21 characters: refused on length before its shape is looked at.
        assertBadRequest(
                () -> salesforce(sf("Account", "001000000000001AAA'--", "upsert")),
                "'id' must be 1 to 18 printable characters");
    }

    @Test
    void anSObjectTypeThatIsNotAnApiNameOrIsNotReadIsRefused() {
        assertBadRequest(
                () -> salesforce(sf("Account' OR '1'='1", "001000000000001", "upsert")),
                "'sObjectType' must be an sObject API name");
        assertBadRequest(() -> salesforce(sf("1Account", "001000000000001", "upsert")), "sObject API name");
        assertBadRequest(() -> salesforce(sf("Account.Name", "001000000000001", "upsert")), "sObject API name");
        assertBadRequest(
                () -> salesforce(sf("Contact", "001000000000001", "upsert")),
                "'sObjectType' is 'Contact'; no inbound flow reads it. Inbound flows read [Account,"
                        + " Partner_Certification__c]");
        assertBadRequest(() -> salesforce(sf("account", "001000000000001", "upsert")), "no inbound flow reads it");
        assertBadRequest(
                () -> salesforce("{\"eventId\":\"e\",\"entity\":\"Account\",\"id\":\"001000000000001\","
                        + "\"operation\":\"upsert\"}"),
                "'sObjectType' is missing");
    }

    // --- not one JSON object ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "[{\"eventId\":\"e\",\"entity\":\"activity\",\"id\":\"A\",\"operation\":\"upsert\"}]",
                "42",
                "-1e999",
                "\"partner-account\"",
                "null",
                "true",
                "",
                " ",
                "\n\t\r "
            })
    void aBodyThatIsNotOneJsonObjectIsRefused(String body) {
        assertBadRequest(() -> prm(body), "The body must be one JSON object");
        assertBadRequest(() -> salesforce(body), "The body must be one JSON object");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{",
                "}",
                "{\"eventId\": ",
                "{'eventId':'e'}",
                "{eventId:\"e\"}",
                "{\"eventId\":\"e\",}",
                "{\"eventId\":NaN}",
                "/* hi */{}",
                "{\"eventId\":\"e\" \"id\":\"x\"}",
                "{\"a\":0x10}"
            })
    void syntacticallyBrokenJsonIsRefused(String body) {
        assertBadRequest(() -> prm(body), "not valid JSON");
    }

    @Test
    void fiveThousandNestedArraysAreRefusedWithoutBlowingTheStack() {
        String nested = "[".repeat(5000) + "]".repeat(5000);

        assertBadRequest(() -> prm(nested), "nesting depth");
        assertBadRequest(() -> salesforce(nested), "nesting depth");
        // Deep nesting in a field nobody reads is refused as well: the whole body must be sane.
        String inField = "{\"eventId\":\"e\",\"entity\":\"activity\",\"id\":\"A\",\"operation\":\"upsert\",\"x\":"
                + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}";
        assertBadRequest(() -> prm(inField), "nesting depth");
    }

    @Test
    void aHugeNumberAnywhereIsRefused() {
        String body = "{\"eventId\":\"e\",\"entity\":\"activity\",\"id\":\"A\",\"operation\":\"upsert\",\"n\":"
                + "9".repeat(5000) + "}";

        assertBadRequest(() -> prm(body), "not valid JSON");
    }

    @Test
    void invalidUtf8IsRefused() {
        String valid = prmEvent("partner-account", "P-1", "upsert");
        int inId = valid.indexOf("P-1");
        for (byte[] bad : new byte[][] {
            {(byte) 0xff},
            {(byte) 0xfe},
            {(byte) 0x80},
            {(byte) 0xc3, 0x28},
            {(byte) 0xe2, (byte) 0x82},
            {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}
        }) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(valid.substring(0, inId).getBytes(UTF_8));
            body.writeBytes(bad);
            body.writeBytes(valid.substring(inId).getBytes(UTF_8));
            assertBadRequest(() -> events.prm(body.toByteArray(), SIGNATURE, ENTITIES), "must be UTF-8");
        }
    }

    @Test
    void bytesThatAreNotTextAtAllAreRefused() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d};
        byte[] utf32Garbage = {0, 0, (byte) 0xfe, (byte) 0xff, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};

        assertBadRequest(() -> events.prm(png, SIGNATURE, ENTITIES), "The body");
        assertBadRequest(() -> events.prm(utf32Garbage, SIGNATURE, ENTITIES), "The body must be UTF-8 encoded JSON");
        assertBadRequest(
                () -> events.salesforce(new byte[0], SIGNATURE, SOBJECT_TYPES), "The body must be one JSON object");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private WebhookEvent prm(String body) {
        return events.prm(body.getBytes(UTF_8), SIGNATURE, ENTITIES);
    }

    private WebhookEvent salesforce(String body) {
        return salesforce(body, SOBJECT_TYPES);
    }

    private WebhookEvent salesforce(String body, Set<String> types) {
        return events.salesforce(body.getBytes(UTF_8), SIGNATURE, types);
    }

    private static String prmEvent(String entity, String jsonId, String operation) {
        return "{\"eventId\":\"evt-1\",\"entity\":\"" + entity + "\",\"id\":\"" + jsonId + "\",\"operation\":\""
                + operation + "\",\"occurredAt\":\"2026-11-28T09:15:00Z\"}";
    }

    private static String sf(String type, String jsonId, String operation) {
        return "{\"eventId\":\"evt-1\",\"sObjectType\":\"" + type + "\",\"id\":\"" + jsonId + "\",\"operation\":\""
                + operation + "\"}";
    }

    /**
     * A flat JSON object (as a string built by hand, so the values stay exactly as written) with {@code field} set
     * to the raw JSON text {@code jsonValue}, or removed when that is null.
     */
    private static String withField(String body, String field, String jsonValue) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher pair = java.util.regex.Pattern.compile("\"([A-Za-z]+)\":(\"(?:[^\"\\\\]|\\\\.)*\")")
                .matcher(body);
        while (pair.find()) {
            fields.put(pair.group(1), pair.group(2));
        }
        if (jsonValue == null) {
            fields.remove(field);
        } else {
            fields.put(field, jsonValue);
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\":")
                .append(value));
        return json.append('}').toString();
    }

    private static void assertBadRequest(ThrowingCallable call, String phrase) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.getMessage()).contains(phrase);
        });
    }
}
