package io.prmsync.salesforcepackage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatorSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package's custom fields are the ones the built-in org simulator models, with the same describe type, length,
 * a number's digits, external id and uniqueness, and picklist values it accepts: what the tests and the sandbox run against is what
 * an org gets from the package.
 */
class SalesforcePackageSimulatorTest {

    private static final Map<String, String> DESCRIBE_TYPES = Map.ofEntries(
            Map.entry("Text", "string"),
            Map.entry("TextArea", "textarea"),
            Map.entry("LongTextArea", "textarea"),
            Map.entry("Picklist", "picklist"),
            Map.entry("Email", "email"),
            Map.entry("Phone", "phone"),
            Map.entry("Url", "url"),
            Map.entry("Checkbox", "boolean"),
            Map.entry("Number", "double"),
            Map.entry("Currency", "currency"),
            Map.entry("Date", "date"),
            Map.entry("DateTime", "datetime"),
            Map.entry("Lookup", "reference"),
            Map.entry("MasterDetail", "reference"));

    /** The custom setting holding the webhook secret lives only in a real org; the service never reads it. */
    private static final String WEBHOOK_SETTING = "PRM_Sync_Webhook__c";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SalesforceSimulator simulator;
    private static String token;

    @BeforeAll
    static void startTheSimulator() throws IOException, InterruptedException {
        SimulatorSettings settings = SimulatorSettings.defaults();
        simulator = SalesforceSimulator.start(settings);
        String form = Map.of(
                        "grant_type", "password",
                        "client_id", settings.clientId(),
                        "client_secret", settings.clientSecret(),
                        "username", settings.username(),
                        "password", settings.password())
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> login = HTTP.send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/services/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        token = JSON.readTree(login.body()).get("access_token").asText();
    }

    @AfterAll
    static void stopTheSimulator() {
        simulator.close();
    }

    @Test
    void everyCustomFieldOfThePackageIsTheOneTheSimulatorModels() throws IOException, InterruptedException {
        SalesforcePackage salesforce =
                SalesforcePackage.read(SalesforcePackageTest.SOURCE, SalesforcePackageTest.PERMISSION_SET);
        List<String> differences = new ArrayList<>();
        Map<String, List<SalesforcePackage.Field>> byObject = salesforce.fields().stream()
                .filter(f -> !f.object().equals(WEBHOOK_SETTING))
                .collect(Collectors.groupingBy(SalesforcePackage.Field::object));
        for (var entry : byObject.entrySet()) {
            JsonNode described = describe(entry.getKey());
            for (SalesforcePackage.Field field : entry.getValue()) {
                differences.addAll(compare(field, described));
            }
        }

        assertThat(byObject).containsKeys("Account", "Lead", "Opportunity", "Partner_Certification__c");
        assertThat(differences).isEmpty();
    }

    private static List<String> compare(SalesforcePackage.Field field, JsonNode describe) {
        String name = field.object() + "." + field.name();
        JsonNode simulated = null;
        for (JsonNode candidate : describe.path("fields")) {
            if (candidate.path("name").asText().equalsIgnoreCase(field.name())) {
                simulated = candidate;
            }
        }
        if (simulated == null) {
            return List.of(name + " is not in the simulator's " + field.object());
        }
        List<String> differences = new ArrayList<>();
        differ(
                differences,
                name,
                "type",
                DESCRIBE_TYPES.get(field.type()),
                simulated.path("type").asText());
        if (field.textLength() > 0) {
            differ(
                    differences,
                    name,
                    "length",
                    field.textLength(),
                    simulated.path("length").asInt());
        }
        if (field.type().equals("Number")) {
            differ(
                    differences,
                    name,
                    "precision",
                    field.precision(),
                    simulated.path("precision").asInt());
            differ(
                    differences,
                    name,
                    "scale",
                    field.scale(),
                    simulated.path("scale").asInt());
        }
        differ(
                differences,
                name,
                "externalId",
                field.externalId(),
                simulated.path("externalId").asBoolean());
        differ(
                differences,
                name,
                "unique",
                field.unique(),
                simulated.path("unique").asBoolean());
        if (field.isLookup()) {
            differ(
                    differences,
                    name,
                    "referenceTo",
                    field.referenceTo(),
                    simulated.path("referenceTo").path(0).asText());
        }
        if (field.type().equals("Picklist")) {
            differ(
                    differences,
                    name,
                    "restricted",
                    field.restricted(),
                    simulated.path("restrictedPicklist").asBoolean());
            List<String> accepted = new ArrayList<>();
            simulated
                    .path("picklistValues")
                    .forEach(v -> accepted.add(v.path("value").asText()));
            if (field.restricted() && !accepted.containsAll(field.values())) {
                differences.add(name + " values " + field.values() + ", simulator accepts " + accepted);
            }
        }
        return differences;
    }

    private static void differ(List<String> differences, String field, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            differences.add(field + " " + what + ": package " + expected + ", simulator " + actual);
        }
    }

    private static JsonNode describe(String object) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                simulator.baseUrl() + "/services/data/v62.0/sobjects/" + object + "/describe"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("describe " + object).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
