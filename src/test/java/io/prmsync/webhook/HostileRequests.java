package io.prmsync.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Generators of webhook requests that must be refused, for {@link WebhookFuzzIT}. Every request is invalid by
 * construction: a signature that cannot match, a media type other than the accepted one, a broken required field,
 * a body that is not JSON or XML at all, or (for Outbound Messages) another organization or a broken structure.
 * Random and byte-mutated JSON bodies are additionally checked against a lenient model of the contract and
 * regenerated while the model says they might be accepted, so no random request can be a valid one by chance.
 */
final class HostileRequests {

    /** One request, what it exercises, and the statuses it may get (empty: any 4xx). */
    record Request(String kind, byte[] body, Map<String, String> headers, Set<Integer> expected) {}

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    private HostileRequests() {}

    // ================================================================================================================
    // Signed JSON webhooks
    // ================================================================================================================

    static final class Json {

        private static final List<String> VALID_CONTENT_TYPES = List.of(
                "application/json",
                "application/json; charset=utf-8",
                "application/json;charset=UTF-8",
                "APPLICATION/JSON",
                "Application/Json; foo=bar");
        /** JSON escapes of characters that are not printable: controls, separators, invisible format characters. */
        private static final List<String> UNPRINTABLE = List.of(
                "\\n",
                "\\r",
                "\\t",
                "\\u0000",
                "\\u0007",
                "\\u001b",
                "\\u007f",
                "\\u0085",
                "\\u009b",
                "\\u2028",
                "\\u2029",
                "\\u200b",
                "\\u200e",
                "\\u202e",
                "\\u2066",
                "\\ufeff",
                "\\u00ad",
                "\\u061c",
                "\\ud834\\udd73",
                "\\udb40\\udc01",
                "\\r\\nX-Injected: 1");
        /** Odd but printable text, for fields nobody reads. */
        private static final List<String> ODD_TEXT = List.of(
                "🙂",
                "\\ud83d\\ude42",
                "\\ud800",
                "\\udfff",
                "\\uffff",
                "\\ufffe",
                "e\\u0301",
                "ǅ",
                "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
                "\\u00a0",
                "İı",
                "ß",
                "ﷺ",
                "\\u0000",
                "\\u202eevil",
                "' OR 1=1 --",
                "\\\\",
                "\\\"",
                "${jndi:ldap://127.0.0.1:9/x}",
                "<script>alert(1)</script>",
                "%s%n",
                "\\u0041\\u0063\\u0063\\u006f\\u0075\\u006e\\u0074",
                "null",
                "");

        private final Random random;
        private final boolean salesforce;
        private final byte[] secret;
        private final byte[] otherSecret;
        private final List<String> names;
        private final Set<String> nameSet;
        private final ObjectMapper mapper;

        /**
         * @param salesforce the Salesforce callout shape ({@code sObjectType}) rather than the PRM one ({@code entity})
         * @param names the entities or sObject types the endpoint accepts
         */
        Json(
                Random random,
                boolean salesforce,
                String secret,
                String otherSecret,
                Set<String> names,
                ObjectMapper mapper) {
            this.random = random;
            this.salesforce = salesforce;
            this.secret = secret.getBytes(UTF_8);
            this.otherSecret = otherSecret.getBytes(UTF_8);
            this.names = List.copyOf(new TreeSet<>(names));
            this.nameSet = Set.copyOf(names);
            this.mapper = mapper;
        }

        Request next() {
            int roll = random.nextInt(100);
            if (roll < 22) {
                return badSignature();
            }
            if (roll < 32) {
                return badContentType();
            }
            if (roll < 88) {
                return signedMalformed();
            }
            return randomEverything();
        }

        /** A valid event: the base every mutation starts from. */
        byte[] validBody() {
            return render(validFields()).getBytes(UTF_8);
        }

        /** A correctly signed request, for the local self-check of the generator. */
        String sign(byte[] body) {
            return WebhookSignature.sign(secret, Instant.now(), body);
        }

        // --- categories -------------------------------------------------------------------------------------------

        private Request badSignature() {
            byte[] body = random.nextInt(3) == 0 ? malformed().body : validBody();
            String[] garbled = garbledSignature(body);
            return new Request(
                    "signature:" + garbled[0], body, headers(pick(VALID_CONTENT_TYPES), garbled[1]), Set.of(401));
        }

        private Request badContentType() {
            byte[] body = validBody();
            String contentType = contentTypeOtherThan("application/json");
            return new Request("content-type", body, headers(contentType, sign(body)), Set.of(415));
        }

        private Request signedMalformed() {
            Body malformed = malformed();
            return new Request(
                    "signed:" + malformed.kind,
                    malformed.body,
                    headers(pick(VALID_CONTENT_TYPES), sign(malformed.body)),
                    Set.of(400));
        }

        private Request randomEverything() {
            Body body = switch (random.nextInt(3)) {
                case 0 -> checked("random-bytes", this::randomBytes);
                case 1 -> checked("token-soup", this::tokenSoup);
                default -> truncated();
            };
            String contentType =
                    random.nextBoolean() ? pick(VALID_CONTENT_TYPES) : contentTypeOtherThan("application/json");
            String signature = random.nextBoolean() ? sign(body.body) : garbledSignature(body.body)[1];
            return new Request("random:" + body.kind, body.body, headers(contentType, signature), Set.of());
        }

        // --- bodies ------------------------------------------------------------------------------------------------

        private record Body(String kind, byte[] body) {}

        private Body malformed() {
            return switch (random.nextInt(13)) {
                case 0 -> checked("random-bytes", this::randomBytes);
                case 1 -> checked("token-soup", this::tokenSoup);
                case 2 -> truncated();
                case 3 -> checked("byte-mutation", this::byteMutated);
                case 4, 5, 6, 7 -> brokenField();
                case 8 -> deepNesting();
                case 9 -> notAnObject();
                case 10 -> checked("invalid-utf8", this::invalidUtf8);
                case 11 -> otherEncoding();
                default -> random.nextBoolean() ? otherShape() : duplicateKeyLastInvalid();
            };
        }

        private Body checked(String kind, Supplier<byte[]> generator) {
            for (int attempt = 0; attempt < 50; attempt++) {
                byte[] body = generator.get();
                if (!mightBeAccepted(body)) {
                    return new Body(kind, body);
                }
            }
            return new Body(kind + "(fallback)", "{".getBytes(UTF_8));
        }

        private byte[] randomBytes() {
            byte[] bytes = new byte[random.nextInt(2048)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = '{';
            }
            return bytes;
        }

        private byte[] tokenSoup() {
            List<String> tokens = List.of(
                    "{",
                    "}",
                    "[",
                    "]",
                    ":",
                    ",",
                    "\"eventId\"",
                    "\"entity\"",
                    "\"sObjectType\"",
                    "\"id\"",
                    "\"operation\"",
                    "\"occurredAt\"",
                    "\"upsert\"",
                    "\"delete\"",
                    q(pick(names)),
                    "\"001000000000001AAA\"",
                    "\"P-1\"",
                    "null",
                    "true",
                    "false",
                    "1",
                    "-0.0e+1",
                    "1e999",
                    "\"\\u0000\"",
                    "\"\\ud800\"",
                    " ",
                    "\n",
                    "\"",
                    "\\",
                    "'",
                    "/*",
                    "NaN");
            StringBuilder soup = new StringBuilder();
            for (int i = random.nextInt(60); i >= 0; i--) {
                soup.append(pick(tokens));
            }
            return soup.toString().getBytes(UTF_8);
        }

        /** Cut before the closing brace: the object is never complete. */
        private Body truncated() {
            byte[] valid = validBody();
            return new Body("truncated", Arrays.copyOf(valid, random.nextInt(valid.length)));
        }

        private byte[] byteMutated() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] body = validBody();
            for (int mutations = 1 + random.nextInt(5); mutations > 0; mutations--) {
                int at = random.nextInt(body.length);
                out.reset();
                switch (random.nextInt(5)) {
                    case 0 -> body[at] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> body[at] = (byte) random.nextInt(256);
                    case 2 -> {
                        out.write(body, 0, at);
                        out.write(random.nextInt(256));
                        out.write(body, at, body.length - at);
                        body = out.toByteArray();
                    }
                    case 3 -> {
                        out.write(body, 0, at);
                        out.write(body, at + 1, body.length - at - 1);
                        body = out.toByteArray();
                    }
                    default -> {
                        int length = random.nextInt(Math.min(20, body.length - at));
                        out.write(body, 0, at + length);
                        out.write(body, at, body.length - at);
                        body = out.toByteArray();
                    }
                }
                if (body.length == 0) {
                    break;
                }
            }
            return body;
        }

        /** A valid event with one field broken beyond repair, and perhaps odd fields nobody reads. */
        private Body brokenField() {
            LinkedHashMap<String, String> fields = validFields();
            String field = random.nextInt(10) == 0 ? "occurredAt" : pick(required());
            String how = breakField(fields, field);
            if (random.nextBoolean()) {
                addOddFields(fields, 1 + random.nextInt(6));
            }
            return new Body("broken:" + field + ":" + how, render(fields).getBytes(UTF_8));
        }

        /** Replaces {@code field} (or removes it) so that no reading of the contract accepts it; returns how. */
        private String breakField(LinkedHashMap<String, String> fields, String field) {
            String current = fields.getOrDefault(field, q("x"));
            String text = current.startsWith("\"") ? current.substring(1, current.length() - 1) : "x";
            if (field.equals("occurredAt")) {
                fields.put(
                        field,
                        pick(List.of(
                                "\"yesterday\"",
                                "\"2026-11-28\"",
                                "\"2026-11-28T09:15:00\"",
                                "\"2026-13-28T09:15:00Z\"",
                                "\"\"",
                                "1764321300",
                                "true",
                                "{}",
                                "[]",
                                "\"now\"",
                                "\"" + Instant.now() + " \"",
                                "\"28/11/2026 09:15\"",
                                q(printable(1 + random.nextInt(30)).replaceAll("[0-9]", "")))));
                return "occurredAt";
            }
            switch (random.nextInt(salesforce && field.equals("id") ? 11 : 10)) {
                case 0 -> {
                    fields.remove(field);
                    return "missing";
                }
                case 1 -> {
                    fields.put(field, "null");
                    return "null";
                }
                case 2 -> {
                    fields.put(
                            field,
                            pick(List.of(
                                    "0",
                                    "-1",
                                    "1.5",
                                    "1e308",
                                    "-0",
                                    "1e999",
                                    "-1e-999",
                                    "12345678901234567890123456789012345678901234567890")));
                    return "number";
                }
                case 3 -> {
                    fields.put(field, "9".repeat(1 + random.nextInt(900)));
                    return "big-number";
                }
                case 4 -> {
                    fields.put(
                            field,
                            pick(List.of(
                                    "true",
                                    "false",
                                    "{}",
                                    "[]",
                                    "[" + current + "]",
                                    "{\"value\":" + current + "}",
                                    "[[[" + current + "]]]")));
                    return "structure";
                }
                case 5 -> {
                    fields.put(field, "\"\"");
                    return "empty";
                }
                case 6 -> {
                    int max = switch (field) {
                        case "eventId" -> 128;
                        case "operation" -> 16;
                        case "id" -> salesforce ? 18 : 64;
                        default -> 64;
                    };
                    String filler = field.equals("operation") ? "upsert" : text.isEmpty() ? "x" : text;
                    StringBuilder longer = new StringBuilder(text);
                    while (longer.length() <= max + random.nextInt(200)) {
                        longer.append(filler);
                    }
                    fields.put(field, q(longer.toString()));
                    return "too-long";
                }
                case 7, 8 -> {
                    int at = random.nextInt(text.length() + 1);
                    fields.put(
                            field,
                            "\"" + escapeForJson(text.substring(0, at)) + pick(UNPRINTABLE)
                                    + escapeForJson(text.substring(at)) + "\"");
                    return "unprintable";
                }
                case 9 -> {
                    fields.put(field, q(unknownValue(field)));
                    return "unknown-value";
                }
                default -> {
                    fields.put(field, q(notASalesforceId()));
                    return "not-a-salesforce-id";
                }
            }
        }

        private String unknownValue(String field) {
            List<String> candidates = switch (field) {
                case "entity" ->
                    List.of(
                            "invoice",
                            "Partner-Account",
                            "partner-account ",
                            " activity",
                            "partner_account",
                            "PARTNER-ACCOUNT",
                            "partner-accounts",
                            "tier-level'--",
                            "*",
                            "%",
                            random.ints(1 + random.nextInt(12), 'a', 'z' + 1)
                                            .collect(
                                                    StringBuilder::new,
                                                    StringBuilder::appendCodePoint,
                                                    StringBuilder::append)
                                    + "-zz");
                case "sObjectType" ->
                    List.of(
                            "Contact",
                            "Lead",
                            "Opportunity",
                            "account",
                            "ACCOUNT",
                            "Account ",
                            " Account",
                            "Account' OR '1'='1",
                            "1Account",
                            "Account.Name",
                            "Account__c__c",
                            "_Account",
                            "Acc ount",
                            "Zz" + random.nextInt(1_000_000) + "__c");
                case "operation" ->
                    List.of(
                            "UPSERT",
                            "Upsert",
                            "update",
                            "insert",
                            "create",
                            "upsert ",
                            " delete",
                            "delet",
                            "remove",
                            "merge",
                            "undelete",
                            "upsert\\u0000",
                            "*");
                case "eventId" -> List.of("x"); // any printable event id is valid: break it another way
                default -> List.of(notASalesforceId());
            };
            String value = pick(candidates);
            if (field.equals("eventId") || (field.equals("id") && !salesforce) || nameSet.contains(value)) {
                return "\u0000" + value; // unprintable, so refused whatever the field
            }
            return value;
        }

        private String notASalesforceId() {
            return switch (random.nextInt(9)) {
                case 0 ->
                    pick(List.of(
                            "001' OR Name != '",
                            "001000000000001\\",
                            "001000000000001AAA'--",
                            "') OR Id != ('",
                            "001000000000001%27",
                            "001000000000001;",
                            "00100000000000_"));
                case 1 -> alnum(1 + random.nextInt(14));
                case 2 -> alnum(16 + random.nextInt(2));
                case 3 -> alnum(19 + random.nextInt(30));
                case 4 -> {
                    char[] id = alnum(random.nextBoolean() ? 15 : 18).toCharArray();
                    id[random.nextInt(id.length)] =
                            pick(List.of('-', ' ', '\'', '"', '\\', '_', '.', 'é', '٠', '１', 'İ', '*', '%'));
                    yield new String(id);
                }
                case 5 -> "００１０００００００００００１";
                case 6 -> "٠٠١٠٠٠٠٠٠٠٠٠٠٠١";
                case 7 -> alnum(15) + " ";
                default -> " " + alnum(17);
            };
        }

        private Body deepNesting() {
            int depth = 1001 + random.nextInt(5000);
            StringBuilder open = new StringBuilder();
            StringBuilder close = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                if (random.nextBoolean()) {
                    open.append('[');
                    close.insert(0, ']');
                } else {
                    open.append("{\"a\":");
                    close.insert(0, '}');
                }
            }
            String nested = open + "1" + close;
            if (random.nextBoolean()) {
                return new Body("deep-nesting:root", nested.getBytes(UTF_8));
            }
            LinkedHashMap<String, String> fields = validFields();
            breakField(fields, pick(required()));
            fields.put("nested", nested);
            return new Body("deep-nesting:field", render(fields).getBytes(UTF_8));
        }

        private Body notAnObject() {
            String event = render(validFields());
            byte[] body = switch (random.nextInt(9)) {
                case 0 -> ("[" + event + "]").getBytes(UTF_8);
                case 1 -> q(event).getBytes(UTF_8);
                case 2 -> String.valueOf(random.nextLong()).getBytes(UTF_8);
                case 3 ->
                    pick(List.of("true", "false", "null", "-0.0", "1e999")).getBytes(UTF_8);
                case 4 -> new byte[0];
                case 5 -> " \n\t\r ".substring(0, 1 + random.nextInt(5)).getBytes(UTF_8);
                case 6 -> new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
                case 7 -> ("[" + event + "," + event + "]").getBytes(UTF_8);
                default -> ("\"" + "x".repeat(random.nextInt(5000)) + "\"").getBytes(UTF_8);
            };
            return new Body("not-an-object", body);
        }

        private byte[] invalidUtf8() {
            byte[] valid = validBody();
            String text = new String(valid, UTF_8);
            int at = text.indexOf("\"id\":\"") + 6 + random.nextInt(3);
            byte[][] bad = {
                {(byte) 0xff},
                {(byte) 0xfe},
                {(byte) 0x80},
                {(byte) 0xbf},
                {(byte) 0xc3},
                {(byte) 0xe2, (byte) 0x82},
                {(byte) 0xf0, (byte) 0x9f, (byte) 0x98},
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xc0, (byte) 0xaf},
                {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(valid, 0, at);
            out.writeBytes(bad[random.nextInt(bad.length)]);
            out.write(valid, at, valid.length - at);
            return out.toByteArray();
        }

        private Body otherEncoding() {
            LinkedHashMap<String, String> fields = validFields();
            String how = breakField(fields, pick(required()));
            String json = render(fields);
            Charset charset = pick(List.of(
                    StandardCharsets.UTF_16BE,
                    StandardCharsets.UTF_16LE,
                    StandardCharsets.UTF_16,
                    Charset.forName("UTF-32BE"),
                    Charset.forName("UTF-32LE")));
            return new Body("encoding:" + charset.name() + ":" + how, json.getBytes(charset));
        }

        /** A valid event of the other webhook: it lacks the field this one requires. */
        private Body otherShape() {
            LinkedHashMap<String, String> fields = validFields();
            if (salesforce) {
                fields.put("entity", fields.remove("sObjectType"));
            } else {
                fields.put("sObjectType", q("Account"));
                fields.remove("entity");
                fields.put("id", q(alnum(18)));
            }
            return new Body("other-webhook-shape", render(fields).getBytes(UTF_8));
        }

        private Body duplicateKeyLastInvalid() {
            LinkedHashMap<String, String> fields = validFields();
            String field = pick(required());
            String valid = render(fields);
            LinkedHashMap<String, String> broken = new LinkedHashMap<>(fields);
            breakField(broken, field);
            String last = broken.containsKey(field) ? broken.get(field) : "null";
            // Jackson keeps the last of duplicate keys (or, configured strictly, refuses them): invalid either way.
            String body = valid.substring(0, valid.length() - 1) + ",\"" + field + "\":" + last + "}";
            return new Body("duplicate-key-last-invalid", body.getBytes(UTF_8));
        }

        // --- signatures and media types ----------------------------------------------------------------------------

        /** {kind, header value or null for none}; never a header that could verify. */
        private String[] garbledSignature(byte[] body) {
            Instant now = Instant.now();
            long t = now.getEpochSecond();
            String good = WebhookSignature.sign(secret, now, body);
            String v1 = good.substring(good.indexOf("v1=") + 3);
            return switch (random.nextInt(20)) {
                case 0 -> new String[] {"none", null};
                case 1 -> new String[] {"blank", " "};
                case 2 -> new String[] {"random", printable(1 + random.nextInt(200))};
                case 3 -> new String[] {"too-long", printable(1025 + random.nextInt(600))};
                case 4 -> new String[] {"random-v1", "t=" + t + ",v1=" + hex(64)};
                case 5 ->
                    new String[] {
                        "wrong-secret",
                        WebhookSignature.sign(("not-" + printable(1 + random.nextInt(30))).getBytes(UTF_8), now, body)
                    };
                case 6 -> new String[] {"other-webhooks-secret", WebhookSignature.sign(otherSecret, now, body)};
                case 7 ->
                    new String[] {
                        "stale",
                        WebhookSignature.sign(secret, now.minusSeconds(330 + random.nextInt(100_000_000)), body)
                    };
                case 8 ->
                    new String[] {
                        "future",
                        WebhookSignature.sign(secret, now.plusSeconds(330 + random.nextInt(100_000_000)), body)
                    };
                case 9 -> new String[] {"other-body", WebhookSignature.sign(secret, now, concat(body, " "))};
                case 10 -> new String[] {"v1-digit-changed", "t=" + t + ",v1=" + changeOneHexDigit(v1)};
                case 11 ->
                    new String[] {
                        "t-moved",
                        "t=" + (t + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(100))) + ",v1=" + v1
                    };
                case 12 -> new String[] {"t-twice", good + ",t=" + t};
                case 13 -> new String[] {"semicolons", good.replace(',', ';')};
                case 14 ->
                    new String[] {"uppercase-keys", good.replace("t=", "T=").replace("v1=", "V1=")};
                case 15 -> new String[] {"v1-cut", "t=" + t + ",v1=" + v1.substring(0, random.nextInt(64))};
                case 16 ->
                    new String[] {
                        "padded-past-1024", good + ",v0=" + "x".repeat(1025 - good.length() + random.nextInt(300))
                    };
                case 17 -> new String[] {"v0-only", "t=" + t + ",v0=" + v1};
                case 18 -> new String[] {"v1-extended", "t=" + t + ",v1=" + v1 + hex(1 + random.nextInt(3))};
                default -> {
                    List<String> tokens = List.of(
                            "t=",
                            "v1=",
                            ",",
                            "=",
                            " ",
                            String.valueOf(t),
                            hex(64),
                            hex(random.nextInt(70)),
                            "v0=",
                            "-",
                            "é");
                    StringBuilder soup = new StringBuilder();
                    for (int i = 1 + random.nextInt(12); i > 0; i--) {
                        soup.append(pick(tokens));
                    }
                    String value = soup.toString().strip();
                    yield new String[] {"token-soup", value.isEmpty() ? "t=" : value};
                }
            };
        }

        private String changeOneHexDigit(String hex) {
            char[] digits = hex.toCharArray();
            int at = random.nextInt(digits.length);
            int value = Character.digit(digits[at], 16);
            digits[at] = Character.forDigit((value + 1 + random.nextInt(15)) % 16, 16);
            return new String(digits);
        }

        String contentTypeOtherThan(String accepted) {
            return HostileRequests.contentTypeOtherThan(random, accepted);
        }

        private static Map<String, String> headers(String contentType, String signature) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            if (signature != null) {
                headers.put(WebhookSignature.HEADER, signature);
            }
            return headers;
        }

        // --- the model --------------------------------------------------------------------------------------------

        /**
         * Whether a body might pass the documented contract: a JSON object whose required fields are non-empty
         * strings, with a known entity or sObject type, a known operation, a Salesforce-shaped id for Salesforce
         * events, and an instant (or nothing) as occurredAt. Lenient on purpose (lengths and printability are not
         * checked), so it never calls an acceptable body invalid.
         */
        boolean mightBeAccepted(byte[] body) {
            JsonNode event;
            try {
                event = mapper.readTree(body);
            } catch (Exception e) {
                return false;
            }
            if (event == null || !event.isObject()) {
                return false;
            }
            for (String field : required()) {
                JsonNode value = event.get(field);
                if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                    return false;
                }
            }
            if (!nameSet.contains(
                            event.get(salesforce ? "sObjectType" : "entity").asText())
                    || !Set.of("upsert", "delete")
                            .contains(event.get("operation").asText())
                    || (salesforce
                            && !SALESFORCE_ID.matcher(event.get("id").asText()).matches())) {
                return false;
            }
            JsonNode occurredAt = event.get("occurredAt");
            if (occurredAt != null && !occurredAt.isNull()) {
                try {
                    Instant.parse(occurredAt.asText());
                } catch (DateTimeParseException e) {
                    return false;
                }
            }
            return true;
        }

        // --- building blocks --------------------------------------------------------------------------------------

        private List<String> required() {
            return salesforce
                    ? List.of("eventId", "sObjectType", "id", "operation")
                    : List.of("eventId", "entity", "id", "operation");
        }

        private LinkedHashMap<String, String> validFields() {
            LinkedHashMap<String, String> fields = new LinkedHashMap<>();
            fields.put("eventId", q("fz-" + Long.toHexString(random.nextLong())));
            if (salesforce) {
                fields.put("sObjectType", q(pick(names)));
                fields.put("id", q(alnum(random.nextBoolean() ? 15 : 18)));
            } else {
                fields.put("entity", q(pick(names)));
                fields.put("id", q("P-" + random.nextInt(1_000_000) + (random.nextBoolean() ? "' OR '1'='1" : "")));
            }
            fields.put("operation", q(random.nextBoolean() ? "upsert" : "delete"));
            if (random.nextBoolean()) {
                fields.put("occurredAt", q(Instant.now().toString()));
            }
            if (random.nextInt(4) == 0) {
                List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
                Collections.shuffle(entries, random);
                fields.clear();
                entries.forEach(e -> fields.put(e.getKey(), e.getValue()));
            }
            return fields;
        }

        private void addOddFields(LinkedHashMap<String, String> fields, int count) {
            List<String> fieldNames = List.of(
                    "Id",
                    "ID",
                    "Entity",
                    "source",
                    "status",
                    "signature",
                    "payload",
                    "recordId",
                    "attempts",
                    "extra",
                    "",
                    " ",
                    "\\u0000",
                    "🙂",
                    "a".repeat(300),
                    "__proto__",
                    "constructor",
                    "$where",
                    "x.y",
                    "x[0]");
            for (int i = 0; i < count; i++) {
                String value = switch (random.nextInt(8)) {
                    case 0 -> "\"" + pick(ODD_TEXT).repeat(1 + random.nextInt(20)) + "\"";
                    case 1 -> (random.nextBoolean() ? "-" : "") + "9".repeat(1 + random.nextInt(900));
                    case 2 -> pick(List.of("1e308", "-1e-308", "1e999", "-0", "0.000000000000000000001"));
                    case 3 -> {
                        int depth = 1 + random.nextInt(900);
                        yield "[".repeat(depth) + "1" + "]".repeat(depth);
                    }
                    case 4 -> "\"" + "x".repeat(random.nextInt(20_000)) + "\"";
                    case 5 -> pick(List.of("true", "false", "null", "{}", "[]"));
                    case 6 -> "{\"a\":1,\"a\":2,\"\":{\"\":[]}}";
                    default -> "{\"id\":" + q(alnum(18)) + ",\"entity\":\"activity\",\"operation\":\"delete\"}";
                };
                fields.put(pick(fieldNames) + (i == 0 ? "" : "-" + i), value);
            }
        }

        private String render(Map<String, String> fields) {
            StringBuilder json = new StringBuilder("{");
            String separator = random.nextInt(5) == 0 ? " ,\n\t" : ",";
            fields.forEach((name, value) -> json.append(json.length() > 1 ? separator : "")
                    .append('"')
                    .append(name)
                    .append("\":")
                    .append(value));
            return json.append('}').toString();
        }

        private String q(String text) {
            try {
                return mapper.writeValueAsString(text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private String escapeForJson(String text) {
            String quoted = q(text);
            return quoted.substring(1, quoted.length() - 1);
        }

        private String alnum(int length) {
            return HostileRequests.alnum(random, length);
        }

        private String printable(int length) {
            return HostileRequests.printable(random, length);
        }

        private String hex(int length) {
            byte[] bytes = new byte[(length + 1) / 2];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes).substring(0, length);
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    // ================================================================================================================
    // Salesforce Outbound Messages
    // ================================================================================================================

    static final class Soap {

        static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
        static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
        static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
        static final String SOBJECT_NS = "urn:sobject.enterprise.soap.sforce.com";
        private static final List<String> VALID_CONTENT_TYPES = List.of(
                "text/xml",
                "text/xml; charset=utf-8",
                "TEXT/XML",
                "text/xml;charset=\"UTF-8\"",
                "text/xml; action=\"notifications\"");

        private final Random random;
        private final String organizationId;
        private final List<String> types;
        private final Set<String> typeSet;

        Soap(Random random, String organizationId, Set<String> sObjectTypes) {
            this.random = random;
            this.organizationId = organizationId;
            this.types = List.copyOf(new TreeSet<>(sObjectTypes));
            this.typeSet = Set.copyOf(sObjectTypes);
        }

        Request next() {
            int roll = random.nextInt(100);
            if (roll < 25) {
                return wrongOrganization();
            }
            if (roll < 45) {
                return brokenStructure();
            }
            if (roll < 62) {
                return notWellFormed();
            }
            if (roll < 70) {
                return truncated();
            }
            if (roll < 80) {
                return byteMutated();
            }
            if (roll < 87) {
                return randomBytes();
            }
            if (roll < 93) {
                return wrongContentType();
            }
            return randomEverything();
        }

        /** The parts of a message, rendered with the prefixes and decorations chosen at random. */
        final class Message {
            String declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
            String soap = "soapenv";
            String out = "";
            String xsi = "xsi";
            String sf = "sf";
            String envelopeAttributes = "";
            String header = "";
            String organization = organizationId;
            String beforeOrganization = "";
            String afterOrganization = "<ActionId>04k000000000001AAA</ActionId><SessionId " + "%XSI%:nil=\"true\"/>";
            String beforeNotifications = "";
            String afterNotifications = "";
            String afterBody = "";
            String afterEnvelope = "";
            final List<Notification> notifications = new ArrayList<>();
            /** The whole document, when a change cannot be expressed through the parts above. */
            String rendered;

            final class Notification {
                String id = "04l" + alnum(15);
                String sObjectId = alnum(random.nextBoolean() ? 15 : 18);
                String type = pick(types);
                String typeAttribute = null;
                String inNotification = "";
                String inSObject = "";
            }

            Message() {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    notifications.add(new Notification());
                }
            }

            private String soapName(String local) {
                return soap.isEmpty() ? local : soap + ":" + local;
            }

            private String outName(String local) {
                return out.isEmpty() ? local : out + ":" + local;
            }

            String xml() {
                return rendered != null ? rendered : render();
            }

            String render() {
                StringBuilder xml = new StringBuilder(declaration);
                xml.append('<')
                        .append(soapName("Envelope"))
                        .append(' ')
                        .append(soap.isEmpty() ? "xmlns" : "xmlns:" + soap)
                        .append("=\"")
                        .append(SOAP_NS)
                        .append("\" ")
                        .append("xmlns:")
                        .append(xsi)
                        .append("=\"")
                        .append(XSI_NS)
                        .append('"')
                        .append(envelopeAttributes)
                        .append('>')
                        .append(header)
                        .append('<')
                        .append(soapName("Body"))
                        .append('>')
                        .append('<')
                        .append(outName("notifications"))
                        .append(' ')
                        .append(out.isEmpty() ? "xmlns" : "xmlns:" + out)
                        .append("=\"")
                        .append(OUTBOUND_NS)
                        .append("\">")
                        .append(beforeOrganization)
                        .append('<')
                        .append(outName("OrganizationId"))
                        .append('>')
                        .append(organization)
                        .append("</")
                        .append(outName("OrganizationId"))
                        .append('>')
                        .append(afterOrganization.replace("%XSI%", xsi))
                        .append(beforeNotifications);
                for (Notification n : notifications) {
                    String sObjectIdName = sf.isEmpty() ? outName("Id") : sf + ":Id";
                    xml.append('<')
                            .append(outName("Notification"))
                            .append('>')
                            .append('<')
                            .append(outName("Id"))
                            .append('>')
                            .append(n.id)
                            .append("</")
                            .append(outName("Id"))
                            .append('>')
                            .append('<')
                            .append(outName("sObject"))
                            .append(' ')
                            .append(
                                    n.typeAttribute != null
                                            ? n.typeAttribute
                                            : xsi + ":type=\"" + (sf.isEmpty() ? "" : sf + ":") + n.type + "\"")
                            .append(sf.isEmpty() ? "" : " xmlns:" + sf + "=\"" + SOBJECT_NS + "\"")
                            .append('>')
                            .append('<')
                            .append(sObjectIdName)
                            .append('>')
                            .append(n.sObjectId)
                            .append("</")
                            .append(sObjectIdName)
                            .append('>')
                            .append(n.inSObject)
                            .append("</")
                            .append(outName("sObject"))
                            .append('>')
                            .append(n.inNotification)
                            .append("</")
                            .append(outName("Notification"))
                            .append('>');
                }
                return xml.append(afterNotifications)
                        .append("</")
                        .append(outName("notifications"))
                        .append('>')
                        .append("</")
                        .append(soapName("Body"))
                        .append('>')
                        .append(afterBody)
                        .append("</")
                        .append(soapName("Envelope"))
                        .append('>')
                        .append(afterEnvelope)
                        .toString();
            }
        }

        /** A message the endpoint would accept. */
        Message valid() {
            return new Message();
        }

        // --- categories -------------------------------------------------------------------------------------------

        /** Well-formed and well-structured, decorated every legal way, but from another organization: 403. */
        private Request wrongOrganization() {
            Message message = valid();
            String organization = wrongOrganizationId();
            message.organization = xmlEscape(organization);
            List<String> decorations = decorate(message, 1 + random.nextInt(4));
            String trimmed = organization.strip();
            Set<Integer> expected = trimmed.isEmpty() || trimmed.length() > 128 ? Set.of(400) : Set.of(403);
            if (decorations.stream().anyMatch(d -> d.startsWith("deep"))) {
                // Markup inside an id, or nesting past the parser's depth limit, is refused before the org check.
                expected = Set.of(400, 403);
            }
            Charset charset = random.nextInt(10) == 0 ? StandardCharsets.UTF_16 : UTF_8;
            if (charset != UTF_8) {
                message.declaration = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>";
            }
            return request(
                    "wrong-org" + decorations, message.render().getBytes(charset), pick(VALID_CONTENT_TYPES), expected);
        }

        /**
         * A structure the parser must refuse. The organization is a wrong one too (except where the break is only
         * seen after the organization check), so a break the parser let through would show as 403, never be stored.
         */
        private Request brokenStructure() {
            Message message = valid();
            message.organization = "00E" + alnum(15);
            List<String> decorations = random.nextBoolean() ? decorate(message, 1 + random.nextInt(2)) : List.of();
            String how = breakStructure(message);
            return request(
                    "structure:" + how + decorations,
                    message.xml().getBytes(UTF_8),
                    pick(VALID_CONTENT_TYPES),
                    Set.of(400));
        }

        /** Not well-formed, or with a DTD; from a wrong organization too, so nothing here could ever be stored. */
        private Request notWellFormed() {
            Message message = valid();
            message.organization = "00E" + alnum(15);
            String how;
            String xml;
            switch (random.nextInt(16)) {
                case 0, 1 -> {
                    how = "doctype";
                    message.declaration = message.declaration + doctype();
                    if (random.nextBoolean()) {
                        message.notifications.get(0).sObjectId =
                                pick(List.of("&xxe;", "&lol9;", "&leak;", message.notifications.get(0).sObjectId));
                    }
                    xml = message.render();
                }
                case 2 -> {
                    how = "undeclared-entity";
                    message.notifications.get(0).inSObject = "<" + message.sf + (message.sf.isEmpty() ? "" : ":")
                            + "Name>" + pick(List.of("&xxe;", "&foo;", "&lol;", "&nbsp;", "&copy;", "&AMP;"))
                            + "</" + message.sf + (message.sf.isEmpty() ? "" : ":") + "Name>";
                    xml = message.render();
                }
                case 3 -> {
                    how = "bad-character-reference";
                    message.afterOrganization = "<x>"
                            + pick(List.of(
                                    "&#0;",
                                    "&#x0;",
                                    "&#xFFFE;",
                                    "&#xFFFF;",
                                    "&#xD800;",
                                    "&#x110000;",
                                    "&#;",
                                    "&#xZZ;",
                                    "&#x1;",
                                    "&#12345678901;"))
                            + "</x>";
                    xml = message.render();
                }
                case 4 -> {
                    how = "duplicate-attribute";
                    message.afterOrganization = "<x a=\"1\" a=\"2\"/>";
                    xml = message.render();
                }
                case 5 -> {
                    how = "unbound-prefix";
                    message.afterOrganization = pick(List.of("<nope:x/>", "<x nope:a=\"1\"/>"));
                    xml = message.render();
                }
                case 6 -> {
                    how = "mismatched-tags";
                    xml = message.render();
                    xml = pick(List.of(
                            xml.replaceFirst("</OrganizationId>|</[a-z]+:OrganizationId>", "</Organization>"),
                            xml.replaceFirst("<ActionId>", "<ActionId><x>"),
                            xml.replace("</", "<"),
                            xml.replaceFirst("<ActionId>", "<ActionId><"),
                            xml.replaceFirst("<ActionId>", "<ActionId>a & b")));
                }
                case 7 -> {
                    how = "content-after-root";
                    message.afterEnvelope =
                            pick(List.of("<x/>", "text", message.render(), "<?xml version=\"1.0\"?>", "]]>", "&amp;"));
                    xml = message.render();
                }
                case 8 -> {
                    how = "forbidden-control-character";
                    char control = (char) pick(List.of(0, 1, 2, 8, 0xb, 0xc, 0xe, 0x1f, 0xfffe, 0xffff))
                            .intValue();
                    message.afterOrganization = "<x>" + control + "</x>";
                    xml = message.render();
                }
                case 9 -> {
                    how = "declaration-not-first";
                    xml = pick(List.of(" ", "\n", "<!-- c -->", "x")) + message.render();
                }
                case 10 -> {
                    how = "xml-version-2";
                    message.declaration = "<?xml version=\"" + pick(List.of("2.0", "1", "0.9", "1.0.1", "")) + "\"?>";
                    xml = message.render();
                }
                case 11 -> {
                    how = "too-many-attributes";
                    message.afterOrganization = "<x" + attributes(10_001 + random.nextInt(500)) + "/>";
                    xml = message.render();
                }
                case 12 -> {
                    how = "name-too-long";
                    String name = "n" + "a".repeat(1000 + random.nextInt(2000));
                    message.afterOrganization = "<" + name + "/>";
                    xml = message.render();
                }
                case 13 -> {
                    how = "broken-comment-or-cdata";
                    message.afterOrganization = pick(List.of(
                            "<!-- a -- b -->",
                            "<![CDATA[ never closed",
                            "<!-- open",
                            "<?xml version=\"1.0\"?>",
                            "<![CDATA[x]]",
                            "<!ELEMENT x ANY>"));
                    xml = message.render();
                }
                case 14 -> {
                    how = "invalid-utf8";
                    byte[] bytes = message.render().getBytes(UTF_8);
                    int at = new String(bytes, UTF_8).indexOf("<ActionId>") + 10;
                    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
                    outBytes.write(bytes, 0, at);
                    outBytes.writeBytes(pick(List.of(
                            new byte[] {(byte) 0xff},
                            new byte[] {(byte) 0xc3},
                            new byte[] {(byte) 0x80},
                            new byte[] {(byte) 0xe2, (byte) 0x82, '<'},
                            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})));
                    outBytes.write(bytes, at, bytes.length - at);
                    return request(
                            "not-well-formed:" + how, outBytes.toByteArray(), pick(VALID_CONTENT_TYPES), Set.of(400));
                }
                default -> {
                    how = "utf16-declared-utf8-sent";
                    message.declaration = "<?xml version=\"1.0\" encoding=\""
                            + pick(List.of("UTF-16", "UTF-32", "UTF-16BE", "ISO-10646-UCS-4", "EBCDIC-bogus", "x"))
                            + "\"?>";
                    xml = message.render();
                }
            }
            return request("not-well-formed:" + how, xml.getBytes(UTF_8), pick(VALID_CONTENT_TYPES), Set.of(400));
        }

        /** Cut before the root element's last '&gt;': never well-formed. */
        private Request truncated() {
            Message message = valid();
            if (random.nextBoolean()) {
                decorate(message, 1);
            }
            String xml = message.render();
            int cut = random.nextInt(xml.lastIndexOf('>') + 1);
            return request("truncated", xml.substring(0, cut).getBytes(UTF_8), pick(VALID_CONTENT_TYPES), Set.of(400));
        }

        /** Random bytes changed anywhere except in the (wrong) organization id: 400 or 403, never stored. */
        private Request byteMutated() {
            Message message = valid();
            String organization = "00E" + alnum(15);
            message.organization = organization;
            byte[] body = message.render().getBytes(UTF_8);
            String xml = new String(body, UTF_8);
            int protectedFrom = xml.indexOf(organization) - 1;
            int protectedTo = protectedFrom + organization.length() + 2;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int mutations = 1 + random.nextInt(8); mutations > 0; mutations--) {
                int at = random.nextInt(body.length);
                if (at >= protectedFrom && at <= protectedTo) {
                    continue;
                }
                out.reset();
                switch (random.nextInt(4)) {
                    case 0 -> body[at] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> body[at] = (byte) random.nextInt(256);
                    case 2 -> {
                        out.write(body, 0, at);
                        out.write(random.nextInt(256));
                        out.write(body, at, body.length - at);
                        body = out.toByteArray();
                        if (at < protectedFrom) {
                            protectedFrom++;
                            protectedTo++;
                        }
                    }
                    default -> {
                        out.write(body, 0, at);
                        out.write(body, at + 1, body.length - at - 1);
                        body = out.toByteArray();
                        if (at < protectedFrom) {
                            protectedFrom--;
                            protectedTo--;
                        }
                    }
                }
            }
            return request("byte-mutation", body, pick(VALID_CONTENT_TYPES), Set.of(400, 403));
        }

        private Request randomBytes() {
            byte[] noise = new byte[random.nextInt(3000)];
            random.nextBytes(noise);
            String prefix = pick(List.of(
                    "",
                    "<",
                    "<?xml version=\"1.0\"?>",
                    "<soapenv:Envelope xmlns:soapenv=\"" + SOAP_NS + "\">",
                    "\ufeff<"));
            return request(
                    "random-bytes", concat(prefix.getBytes(UTF_8), noise), pick(VALID_CONTENT_TYPES), Set.of(400));
        }

        /** A message that would be accepted, with any media type but text/xml: 415. */
        private Request wrongContentType() {
            return request(
                    "content-type",
                    valid().render().getBytes(UTF_8),
                    contentTypeOtherThan(random, "text/xml"),
                    Set.of(415));
        }

        private Request randomEverything() {
            Request body = switch (random.nextInt(3)) {
                case 0 -> randomBytes();
                case 1 -> truncated();
                default -> byteMutated();
            };
            String contentType =
                    random.nextBoolean() ? pick(VALID_CONTENT_TYPES) : contentTypeOtherThan(random, "text/xml");
            return request("random:" + body.kind(), body.body(), contentType, Set.of());
        }

        // --- invalidations -----------------------------------------------------------------------------------------

        private String wrongOrganizationId() {
            String configured15 = organizationId.substring(0, 15);
            while (true) {
                String candidate = switch (random.nextInt(9)) {
                    case 0 -> "00D" + alnum(15);
                    case 1 -> "00D" + alnum(12);
                    case 2 -> {
                        char[] id = organizationId.toCharArray();
                        int at = 3 + random.nextInt(12);
                        id[at] = ALNUM.charAt(random.nextInt(ALNUM.length()));
                        yield new String(id);
                    }
                    case 3 -> organizationId.toLowerCase(Locale.ROOT);
                    case 4 -> organizationId.substring(0, 14);
                    case 5 ->
                        pick(List.of(
                                "00D' OR '1'='1",
                                "*",
                                "%",
                                "00D000000000001EAA'--",
                                "null",
                                "undefined",
                                "00D000000000001\\",
                                "00D-000000000001",
                                "${org}"));
                    case 6 -> printable(random, 1 + random.nextInt(140)).replace("]]>", "");
                    case 7 -> pick(List.of("", "   ", "\n\t"));
                    default -> organizationId + "X";
                };
                String trimmed = candidate.strip();
                boolean wouldMatch = SALESFORCE_ID.matcher(trimmed).matches()
                        && trimmed.substring(0, 15).equals(configured15);
                if (!wouldMatch) {
                    return candidate;
                }
            }
        }

        private String breakStructure(Message message) {
            Message.Notification first = message.notifications.get(random.nextInt(message.notifications.size()));
            String o = message.out.isEmpty() ? "" : message.out + ":";
            String s = message.soap.isEmpty() ? "" : message.soap + ":";
            switch (random.nextInt(24)) {
                case 0 -> {
                    message.rendered = message.render()
                            .replace(
                                    SOAP_NS,
                                    pick(List.of(
                                            "http://www.w3.org/2003/05/soap-envelope", SOAP_NS + "x", "urn:soap")));
                    return "envelope-in-wrong-namespace";
                }
                case 1 -> {
                    message.header = "<" + s + "Body/>";
                    return "two-bodies";
                }
                case 2 -> {
                    message.beforeOrganization =
                            "<" + o + "OrganizationId>" + organizationId + "</" + o + "OrganizationId>";
                    return "two-organization-ids";
                }
                case 3 -> {
                    message.organization =
                            pick(List.of("", "  ", "<!-- -->", "<![CDATA[]]>", "0".repeat(129 + random.nextInt(100))));
                    return "organization-id-empty-or-too-long";
                }
                case 4 -> {
                    message.notifications.clear();
                    return "no-notification";
                }
                case 5 -> {
                    while (message.notifications.size() <= 100) {
                        message.notifications.add(message.new Notification());
                    }
                    for (int i = random.nextInt(30); i > 0; i--) {
                        message.notifications.add(message.new Notification());
                    }
                    return "more-than-100-notifications";
                }
                case 6 -> {
                    first.id = pick(List.of(
                            "",
                            " ",
                            "04l' OR Id != '",
                            "04l0000000000",
                            "04l00000000000001",
                            "04l000000000001AAAA",
                            "04l 00000000001A",
                            "04l000000000001AA&amp;",
                            "<x/>"));
                    return "bad-notification-id";
                }
                case 7 -> {
                    first.sObjectId = pick(List.of(
                            "",
                            " ",
                            "001' OR Name != '",
                            "001000000000001\\",
                            "001000000000001AAA'--",
                            "00100000000000",
                            "0010000000000012",
                            "001000000000001é",
                            "<x/>",
                            "001000000000001&lt;"));
                    return "bad-sobject-id";
                }
                case 8 -> {
                    first.typeAttribute = pick(List.of(
                            "",
                            "type=\"sf:Account\"",
                            message.xsi + ":type=\"\"",
                            message.xsi + ":type=\"sf:\"",
                            message.xsi + ":type=\"sf:1Account\"",
                            message.xsi + ":type=\"a:b:" + first.type + "\"",
                            message.xsi + ":type=\"sf:Acc ount\"",
                            message.xsi + ":type=\"sf:" + first.type + "' OR '1'='1\"",
                            "xmlns:other=\"urn:other\" other:type=\"sf:" + first.type + "\""));
                    return "bad-xsi-type";
                }
                case 9 -> {
                    // Only refused after the organization check: the organization must be the right one.
                    message.organization = organizationId;
                    List<String> unmapped = new ArrayList<>(List.of(
                            "Contact",
                            "Lead",
                            "Opportunity",
                            "Case",
                            "account",
                            "Task",
                            "Zz" + random.nextInt(1000) + "__c",
                            "User",
                            "Partner_Certification__C"));
                    unmapped.removeAll(typeSet);
                    first.type = pick(unmapped);
                    return "unmapped-sobject-type";
                }
                case 10 -> {
                    message.rendered = message.render()
                            .replace(
                                    "=\"" + OUTBOUND_NS + "\"",
                                    "=\""
                                            + pick(List.of(
                                                    OUTBOUND_NS + "/",
                                                    "http://soap.sforce.com/2005/09/Outbound",
                                                    "urn:outbound",
                                                    "http://soap.sforce.com/2006/04/metadata"))
                                            + "\"");
                    return "outbound-namespace-wrong";
                }
                case 11 -> {
                    first.inNotification = "<" + o + "Id>" + "04l" + alnum(15) + "</" + o + "Id>";
                    return "two-notification-ids";
                }
                case 12 -> {
                    first.inNotification = "<" + o + "sObject " + message.xsi + ":type=\"" + first.type + "\"><" + o
                            + "Id>" + alnum(18) + "</" + o + "Id></" + o + "sObject>";
                    return "two-sobjects";
                }
                case 13 -> {
                    message.declaration = "";
                    message.rendered = pick(List.of(
                                    "<wrapper>",
                                    "<" + s + "Envelope xmlns" + (s.isEmpty() ? "" : ":" + message.soap) + "=\""
                                            + SOAP_NS + "\"><" + s + "Body>"))
                            + message.render()
                            + "</wrapper>";
                    if (!message.rendered.startsWith("<wrapper>")) {
                        message.rendered =
                                message.rendered.replace("</wrapper>", "</" + s + "Body></" + s + "Envelope>");
                    }
                    return "envelope-wrapped";
                }
                case 14 -> {
                    first.id = "<!-- no id -->";
                    return "notification-id-only-a-comment";
                }
                case 15 -> {
                    String id = message.sf.isEmpty() ? o + "Id" : message.sf + ":Id";
                    first.sObjectId = first.sObjectId + "<" + id + ">x</" + id + ">";
                    return "sobject-id-with-nested-id";
                }
                case 16 -> {
                    message.notifications.add(message.new Notification());
                    message.notifications.get(message.notifications.size() - 1).sObjectId = "not-an-id";
                    return "one-bad-notification-among-good-ones";
                }
                case 17 -> {
                    message.rendered = message.render()
                            .replace("<" + o + "OrganizationId>", "<OrganizationId xmlns=\"urn:other\">")
                            .replace("</" + o + "OrganizationId>", "</OrganizationId>");
                    return "organization-id-in-other-namespace";
                }
                case 18 -> {
                    first.id = "04l" + alnum(6) + "<!-- -->&#x5f;" + alnum(8);
                    return "notification-id-with-underscore-reference";
                }
                case 19 -> {
                    message.header = "<" + s + "Body><notifications xmlns=\"" + OUTBOUND_NS + "\"/></" + s + "Body>";
                    return "two-bodies-second-empty";
                }
                case 20 -> {
                    // Every Notification in another namespace: none is left.
                    message.rendered = message.render()
                            .replace(
                                    "<" + o + "Notification>",
                                    "<" + o + "Notification xmlns" + (o.isEmpty() ? "" : ":" + message.out)
                                            + "=\"urn:other\">");
                    return "notifications-in-other-namespace";
                }
                case 21 -> {
                    first.sObjectId = "";
                    first.inSObject = "";
                    return "sobject-id-empty";
                }
                case 22 -> {
                    message.afterBody = "<" + s + "Body/>";
                    return "second-body-after-first";
                }
                default -> {
                    message.rendered = message.render()
                            .replace(
                                    "OrganizationId>",
                                    pick(List.of("OrganisationId>", "organizationId>", "OrganizationID>")));
                    return "organization-element-renamed";
                }
            }
        }

        /**
         * Legal variations that never change what the message says; returns what was done. Each is applied once,
         * prefixes before anything that names an element, and at most one change to the ids of a notification.
         */
        private List<String> decorate(Message message, int count) {
            List<String> done = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                message.soap = pick(List.of("S", "env", "soap", ""));
                message.out = pick(List.of("", "out", "o"));
                message.xsi = pick(List.of("xsi", "i", "x"));
                message.sf = pick(List.of("sf", "q", ""));
                done.add("prefixes");
            }
            String s = message.soap.isEmpty() ? "" : message.soap + ":";
            String sf = message.sf.isEmpty() ? "" : message.sf + ":";
            List<Integer> kinds = new ArrayList<>(
                    java.util.stream.IntStream.range(1, 14).boxed().toList());
            Collections.shuffle(kinds, random);
            Message.Notification n = message.notifications.get(random.nextInt(message.notifications.size()));
            for (int kind : kinds.subList(0, Math.min(count, kinds.size()))) {
                switch (kind) {
                    case 1 -> {
                        message.header = "<" + s + "Header><h:x xmlns:h=\"urn:h\">"
                                + xmlEscape(printable(random, random.nextInt(50))) + "</h:x></" + s + "Header>";
                        done.add("soap-header");
                    }
                    case 2 -> {
                        String comment =
                                "<!--" + printable(random, random.nextInt(80)).replace('-', '_') + "-->";
                        message.beforeOrganization += comment;
                        n.inSObject += comment;
                        message.afterBody += comment;
                        done.add("comments");
                    }
                    case 3 -> {
                        message.beforeNotifications += "<?fuzz "
                                + printable(random, random.nextInt(40)).replace('?', '_') + "?>";
                        done.add("processing-instruction");
                    }
                    case 4, 5, 6 -> {
                        if (done.contains("ids")) {
                            continue;
                        }
                        done.add("ids");
                        if (kind == 4) {
                            n.id = "<![CDATA[" + n.id + "]]>";
                            n.sObjectId = " \n<![CDATA[" + n.sObjectId.substring(0, 5) + "]]>"
                                    + n.sObjectId.substring(5) + "\t ";
                            done.add("cdata-in-ids");
                        } else if (kind == 5) {
                            n.id = "&#" + (int) n.id.charAt(0) + ";" + n.id.substring(1, 9) + "<!---->" + "&#x"
                                    + Integer.toHexString(n.id.charAt(9)) + ";" + n.id.substring(10);
                            done.add("character-references-in-ids");
                        } else {
                            // Nesting inside an id leaves its text as it was.
                            int depth = 1 + random.nextInt(random.nextBoolean() ? 100 : 12_000);
                            if (random.nextBoolean()) {
                                n.sObjectId = "<w>".repeat(depth) + n.sObjectId + "</w>".repeat(depth);
                            } else {
                                n.id = "<w>".repeat(depth) + n.id + "</w>".repeat(depth);
                            }
                            done.add("deep-inside-id(" + depth + ")");
                        }
                    }
                    case 7 -> {
                        n.inSObject += "<" + sf + "Name>"
                                + xmlEscape(pick(
                                        List.of("Forged", "🙂 ünïcödé", "' OR 1=1 --", "&<>\"'", "\u202eevil", "]]>")))
                                + "</" + sf + "Name>";
                        done.add("forged-fields");
                    }
                    case 8 -> {
                        message.afterOrganization += "<Extra" + attributes(1 + random.nextInt(3000)) + "/>";
                        done.add("many-attributes");
                    }
                    case 9 -> {
                        int depth = 1 + random.nextInt(3000);
                        message.afterOrganization += "<d>".repeat(depth) + "x" + "</d>".repeat(depth);
                        done.add("deep-elsewhere");
                    }
                    case 10 -> {
                        message.afterOrganization += "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\""
                                + " href=\"file:///etc/passwd\" parse=\"text\"/>";
                        done.add("xinclude");
                    }
                    case 11 -> {
                        message.declaration = pick(List.of(
                                "",
                                "<?xml version=\"1.1\"?>",
                                "<?xml version=\"1.0\" standalone=\"yes\"?>",
                                "<?xml version='1.0' encoding='utf-8'?>",
                                "\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
                        done.add("declaration");
                    }
                    case 12 -> {
                        message.afterOrganization += "<x>&amp;&lt;&gt;&quot;&apos;&#x1F642;</x>";
                        done.add("predefined-entities");
                    }
                    default -> {
                        message.envelopeAttributes += " xmlns:unused=\"urn:" + alnum(8) + "\" a=\""
                                + xmlEscape(printable(random, random.nextInt(30))) + "\"";
                        done.add("envelope-attributes");
                    }
                }
            }
            return done;
        }

        private String doctype() {
            return pick(List.of(
                    "<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                    "<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/x\">]>",
                    "<!DOCTYPE Envelope [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>",
                    "<!DOCTYPE Envelope SYSTEM \"file:///etc/passwd\">",
                    "<!DOCTYPE Envelope PUBLIC \"-//X//Y\" \"http://127.0.0.1:9/x.dtd\">",
                    "<!DOCTYPE Envelope>",
                    "<!DOCTYPE Envelope [<!ENTITY leak \"001000000000001AAA\">]>",
                    "<!DOCTYPE Envelope [<!ENTITY lol0 \"lol\"><!ENTITY lol1 \"&lol0;&lol0;&lol0;&lol0;&lol0;&lol0;"
                            + "&lol0;&lol0;&lol0;&lol0;\"><!ENTITY lol9 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"
                            + "&lol1;&lol1;&lol1;\">]>",
                    "<!DOCTYPE Envelope [<!ELEMENT Envelope ANY><!ATTLIST Envelope a CDATA \"x\">]>",
                    "<!DOCTYPE Envelope [<!-- only a comment -->]>"));
        }

        // --- building blocks --------------------------------------------------------------------------------------

        private Request request(String kind, byte[] body, String contentType, Set<Integer> expected) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            if (random.nextBoolean()) {
                headers.put("SOAPAction", "\"\"");
            }
            return new Request(kind, body, headers, expected);
        }

        private String attributes(int count) {
            StringBuilder attributes = new StringBuilder();
            for (int i = 0; i < count; i++) {
                attributes.append(" a").append(i).append("=\"").append(i % 10).append('"');
            }
            return attributes.toString();
        }

        private String alnum(int length) {
            return HostileRequests.alnum(random, length);
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    // ================================================================================================================

    /** A media type whose type and subtype are not {@code accepted}, or null for none at all. */
    static String contentTypeOtherThan(Random random, String accepted) {
        List<String> fixed = List.of(
                "text/plain",
                "text/xml",
                "application/xml",
                "application/soap+xml",
                "application/json",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=----fuzz",
                "application/json-patch+json",
                "application/jsonl",
                "application/problem+json",
                "application/*",
                "*/*",
                "text/json",
                "json",
                "xml",
                "application",
                "application/",
                "/json",
                "text/",
                "/xml",
                "application/octet-stream",
                "application/x-json",
                "text/html; charset=utf-8",
                "image/png",
                ";",
                "=",
                "text/xml+json",
                "text/xmls",
                "application/javascript",
                "text/plain; charset=utf-8; x=text/xml");
        while (true) {
            String candidate = switch (random.nextInt(4)) {
                case 0, 1 -> fixed.get(random.nextInt(fixed.size()));
                case 2 -> printable(random, 1 + random.nextInt(60));
                default ->
                    random.nextInt(3) == 0 ? null : accepted.replace('/', pick(random, List.of('\\', '+', '.', '_')));
            };
            if (candidate == null) {
                return null;
            }
            String essence =
                    candidate.split(";", 2)[0].replaceAll("[\\s\"']", "").toLowerCase(Locale.ROOT);
            if (!essence.equals(accepted) && !candidate.isBlank()) {
                return candidate;
            }
        }
    }

    static String alnum(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return text.toString();
    }

    /** Printable ASCII, which any HTTP header may carry. */
    static String printable(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x7f - 0x20)));
        }
        return text.toString();
    }

    static String xmlEscape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static byte[] concat(byte[] a, String b) {
        return concat(a, b.getBytes(UTF_8));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
