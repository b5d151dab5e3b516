package io.prmsync.sandbox;

import static io.prmsync.sandbox.QueryApiTest.errorCode;
import static io.prmsync.sandbox.QueryApiTest.message;
import static io.prmsync.sandbox.SimulatorClient.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prmsync.sandbox.SimulatorClient.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollectionsApiTest {

    private static final String UPSERT = DATA + "/composite/sobjects/Account/PRM_Partner_Id__c";

    private SalesforceSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        client = SimulatorClient.loggedIn(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void moreThan200RecordsAreRefusedAsAWhole() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            records.add(account("A" + i, null));
        }

        Reply reply = client.send("POST", DATA + "/composite/sobjects", body(false, records));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(errorCode(reply)).isEqualTo("EXCEEDED_ID_LIMIT");
        assertThat(message(reply))
                .isEqualTo("record limit reached. cannot submit more than 200 records into this call");
        assertThat(simulator.org().count("Account")).isZero();
    }

    @Test
    void aTextLongerThanItsFieldIsRefusedWithStringTooLongNamingTheField() {
        Map<String, Object> longCity = new LinkedHashMap<>(account("Far away", null));
        longCity.put("BillingCity", "L".repeat(41));
        Map<String, Object> fits = new LinkedHashMap<>(account("Near", null));
        fits.put("BillingCity", "L".repeat(40));

        JsonNode results = client.send("POST", DATA + "/composite/sobjects", body(false, List.of(longCity, fits)))
                .json();

        JsonNode error = results.get(0).get("errors").get(0);
        assertThat(error.get("statusCode").asText()).isEqualTo("STRING_TOO_LONG");
        assertThat(error.get("message").asText())
                .isEqualTo("Billing City: data value too large: " + "L".repeat(41) + " (max length=40)");
        assertThat(error.get("fields").get(0).asText()).isEqualTo("BillingCity");
        assertThat(results.get(1).get("success").asBoolean()).isTrue();
        assertThat(simulator.org().count("Account")).isEqualTo(1);
    }

    @Test
    void aHookRunsOnceAfterTheNthServedCallTookEffectAndBeforeItsAnswerLeaves() {
        List<Integer> accountsWhenRun = new ArrayList<>();
        simulator
                .faults()
                .afterServing(
                        Endpoint.COLLECTION_CREATE,
                        2,
                        () -> accountsWhenRun.add(simulator.org().count("Account")));

        for (int i = 0; i < 3; i++) {
            client.send("POST", DATA + "/composite/sobjects", body(false, List.of(account("Hooked " + i, null))));
        }

        assertThat(accountsWhenRun)
                .as("run once, with the second call's record saved")
                .containsExactly(2);
    }

    @Test
    void anActiveDuplicateRuleRefusesASecondRecordUnlessTheCallAllowsSave() {
        simulator.org().insert("Account", Map.of("Name", "Acme Corp"));
        simulator.org().activateDuplicateRule("Account", "Name");

        JsonNode refused = client.send(
                        "POST", DATA + "/composite/sobjects", body(false, List.of(account("acme corp ", null))))
                .json();
        Reply allowed = client.send(client.authorized(DATA + "/composite/sobjects")
                .header("Content-Type", "application/json")
                .header("Sforce-Duplicate-Rule-Header", "allowSave=true")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        SimulatorClient.write(body(false, List.of(account("Acme Corp", null)))))));

        JsonNode error = refused.get(0).get("errors").get(0);
        assertThat(error.get("statusCode").asText()).isEqualTo("DUPLICATES_DETECTED");
        assertThat(error.get("message").asText()).startsWith("Use one of these records?");
        assertThat(allowed.json().get(0).get("success").asBoolean()).isTrue();
        assertThat(simulator.org().count("Account")).isEqualTo(2);
    }

    @Test
    void aValueARestrictedPicklistDoesNotListIsRefused() {
        Map<String, Object> diamond = new LinkedHashMap<>(account("Shiny", null));
        diamond.put("Partner_Tier__c", "DIAMOND");
        Map<String, Object> gold = new LinkedHashMap<>(account("Solid", null));
        gold.put("Partner_Tier__c", "GOLD");

        JsonNode results = client.send("POST", DATA + "/composite/sobjects", body(false, List.of(diamond, gold)))
                .json();

        JsonNode error = results.get(0).get("errors").get(0);
        assertThat(error.get("statusCode").asText()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(error.get("message").asText())
                .isEqualTo("Partner Tier: bad value for restricted picklist field: DIAMOND");
        assertThat(results.get(1).get("success").asBoolean()).isTrue();
    }

    @Test
    void withoutAllOrNoneGoodRecordsAreSavedAndBadOnesCarryTheirErrorsInRequestOrder() {
        Map<String, Object> missingType = new LinkedHashMap<>(Map.of("Name", "No type"));
        Reply reply = client.send(
                "POST",
                DATA + "/composite/sobjects",
                body(
                        false,
                        List.of(
                                account("Good 1", null),
                                Map.of("attributes", Map.of("type", "Account")),
                                missingType,
                                account("Good 2", null))));

        JsonNode results = reply.json();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(0).get("id").asText()).startsWith("001");
        assertThat(results.get(1).get("success").asBoolean()).isFalse();
        assertThat(results.get(1).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(results.get(1).get("errors").get(0).get("fields").get(0).asText())
                .isEqualTo("Name");
        assertThat(results.get(2).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("INVALID_TYPE");
        assertThat(results.get(3).get("success").asBoolean()).isTrue();
        assertThat(results.get(0).has("created")).isFalse();
        assertThat(simulator.org().count("Account")).isEqualTo(2);
    }

    @Test
    void withAllOrNoneOneBadRecordRollsBackTheWholeCall() {
        simulator.org().insert("Account", Map.of("Name", "Existing", "PRM_Partner_Id__c", "P-1"));

        Reply reply = client.send(
                "PATCH",
                UPSERT,
                body(
                        true,
                        List.of(
                                account("Renamed", "P-1"),
                                account("New", "P-2"),
                                Map.of(
                                        "attributes",
                                        Map.of("type", "Account"),
                                        "PRM_Partner_Id__c",
                                        "P-3",
                                        "NumberOfEmployees",
                                        5))));

        JsonNode results = reply.json();
        assertThat(results.get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(results.get(1).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(results.get(2).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(simulator.org().count("Account")).isEqualTo(1);
        assertThat(simulator.org().records("Account").get(0)).containsEntry("Name", "Existing");
    }

    @Test
    void upsertReportsCreatedTrueForNewAndFalseForExistingRecords() {
        String existing = simulator.org().insert("Account", Map.of("Name", "Old", "PRM_Partner_Id__c", "P-1"));

        JsonNode results = client.send(
                        "PATCH", UPSERT, body(false, List.of(account("Updated", "P-1"), account("Created", "P-2"))))
                .json();

        assertThat(results.get(0).get("created").asBoolean()).isFalse();
        assertThat(results.get(0).get("id").asText()).isEqualTo(existing);
        assertThat(results.get(1).get("created").asBoolean()).isTrue();
        assertThat(simulator.org().findById(existing).orElseThrow()).containsEntry("Name", "Updated");
        assertThat(simulator.counters().recordsWritten(Endpoint.COLLECTION_UPSERT))
                .isEqualTo(2);
        assertThat(simulator.counters().batchSizes(Endpoint.COLLECTION_UPSERT)).containsExactly(2);
    }

    @Test
    void sameExternalIdTwiceInOneCallFailsBothRecords() {
        JsonNode results = client.send(
                        "PATCH",
                        UPSERT,
                        body(false, List.of(account("One", "P-9"), account("Two", "p-9"), account("Three", "P-10"))))
                .json();

        assertThat(results.get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("DUPLICATE_VALUE");
        assertThat(results.get(1).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("DUPLICATE_VALUE");
        assertThat(results.get(2).get("success").asBoolean()).isTrue();
    }

    @Test
    void uniqueExternalIdClashIsADuplicateValue() {
        simulator.org().insert("Account", Map.of("Name", "Holder", "PRM_Partner_Id__c", "P-1"));

        JsonNode results = client.send(
                        "POST", DATA + "/composite/sobjects", body(false, List.of(account("Clash", "P-1"))))
                .json();

        assertThat(results.get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("DUPLICATE_VALUE");
    }

    @Test
    void updateNeedsIdsAndRefusesDeletedRecords() {
        String live = simulator.org().insert("Account", Map.of("Name", "Live"));
        String gone = simulator.org().insert("Account", Map.of("Name", "Gone"));
        simulator.org().delete(gone);

        JsonNode results = client.send(
                        "PATCH",
                        DATA + "/composite/sobjects",
                        body(false, List.of(withId(live, "Live 2"), withId(gone, "Gone 2"), account("No id", null))))
                .json();

        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(1).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("ENTITY_IS_DELETED");
        assertThat(results.get(2).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("MISSING_ARGUMENT");
    }

    @Test
    void deleteAndRetrieveWorkOnListsOfIds() {
        String a = simulator.org().insert("Account", Map.of("Name", "A", "Phone", "1"));
        String b = simulator.org().insert("Account", Map.of("Name", "B", "Phone", "2"));

        JsonNode retrieved = client.get(DATA + "/composite/sobjects/Account?ids=" + a + "," + b + "&fields=Name")
                .json();
        JsonNode deleted = client.send(
                        "DELETE", DATA + "/composite/sobjects?allOrNone=false&ids=" + a + ",001000000000ZZZ", null)
                .json();
        JsonNode after = client.send(
                        "POST",
                        DATA + "/composite/sobjects/Account",
                        Map.of("ids", List.of(a, b), "fields", List.of("Name", "Phone")))
                .json();

        assertThat(retrieved.get(1).get("Name").asText()).isEqualTo("B");
        assertThat(retrieved.get(1).has("Phone")).isFalse();
        assertThat(deleted.get(0).get("success").asBoolean()).isTrue();
        assertThat(deleted.get(1).get("success").asBoolean()).isFalse();
        assertThat(after.get(0).isNull()).isTrue();
        assertThat(after.get(1).get("Phone").asText()).isEqualTo("2");
    }

    @Test
    void rejectionRuleFailsOnlyTheMatchingRecord() {
        simulator
                .faults()
                .rejectRecords(
                        "Account",
                        "Industry",
                        "Gambling",
                        "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "Partners in this industry need compliance approval");
        Map<String, Object> gambling = new LinkedHashMap<>(account("Casino", "P-2"));
        gambling.put("Industry", "Gambling");

        JsonNode results = client.send("PATCH", UPSERT, body(false, List.of(account("Fine", "P-1"), gambling)))
                .json();

        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        JsonNode error = results.get(1).get("errors").get(0);
        assertThat(error.get("statusCode").asText()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(error.get("message").asText()).isEqualTo("Partners in this industry need compliance approval");
    }

    static Map<String, Object> body(boolean allOrNone, List<Map<String, Object>> records) {
        return Map.of("allOrNone", allOrNone, "records", records);
    }

    static Map<String, Object> account(String name, String partnerId) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", Map.of("type", "Account"));
        record.put("Name", name);
        if (partnerId != null) {
            record.put("PRM_Partner_Id__c", partnerId);
        }
        return record;
    }

    private static Map<String, Object> withId(String id, String name) {
        Map<String, Object> record = account(name, null);
        record.put("Id", id);
        return record;
    }
}
