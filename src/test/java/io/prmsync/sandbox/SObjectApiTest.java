package io.prmsync.sandbox;

import static io.prmsync.sandbox.QueryApiTest.errorCode;
import static io.prmsync.sandbox.QueryApiTest.message;
import static io.prmsync.sandbox.SimulatorClient.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prmsync.sandbox.SimulatorClient.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SObjectApiTest {

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
    void createAnswers201WithTheNewIdAndTheRecordReadsBack() {
        Reply created = client.send("POST", DATA + "/sobjects/Account", Map.of("Name", "Acme", "IsPartner", true));
        String id = created.json().get("id").asText();

        Reply read = client.get(DATA + "/sobjects/Account/" + id);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("success").asBoolean()).isTrue();
        assertThat(created.json().get("errors")).isEmpty();
        assertThat(id).startsWith("001").hasSize(18);
        assertThat(read.json().get("attributes").get("type").asText()).isEqualTo("Account");
        assertThat(read.json().get("Name").asText()).isEqualTo("Acme");
        assertThat(read.json().get("IsPartner").asBoolean()).isTrue();
        assertThat(read.json().get("OwnerId").asText()).isEqualTo(SalesforceSimulator.USER_ID);
    }

    @Test
    void getWithFieldsReturnsOnlyThoseFields() {
        String id = simulator.org().insert("Account", Map.of("Name", "Acme", "Phone", "+49 30 1"));

        JsonNode record = client.get(DATA + "/sobjects/Account/" + id + "?fields=Name,Phone")
                .json();

        assertThat(record.size()).isEqualTo(3);
        assertThat(record.get("Phone").asText()).isEqualTo("+49 30 1");
    }

    @Test
    void patchAnswers204AndChangesTheRecord() {
        String id = simulator.org().insert("Account", Map.of("Name", "Acme"));

        Reply reply = client.send("PATCH", DATA + "/sobjects/Account/" + id, Map.of("Industry", "Energy"));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(simulator.org().findById(id).orElseThrow()).containsEntry("Industry", "Energy");
    }

    @Test
    void deleteAnswers204AndTheRecordIsThenNotFound() {
        String id = simulator.org().insert("Account", Map.of("Name", "Acme"));

        Reply delete = client.send("DELETE", DATA + "/sobjects/Account/" + id, null);
        Reply read = client.get(DATA + "/sobjects/Account/" + id);
        Reply update = client.send("PATCH", DATA + "/sobjects/Account/" + id, Map.of("Name", "Back"));

        assertThat(delete.status()).isEqualTo(204);
        assertThat(read.status()).isEqualTo(404);
        assertThat(errorCode(read)).isEqualTo("NOT_FOUND");
        assertThat(message(read)).isEqualTo("The requested resource does not exist");
        assertThat(errorCode(update)).isEqualTo("ENTITY_IS_DELETED");
    }

    @Test
    void upsertByExternalIdCreatesThenUpdates() {
        String path = DATA + "/sobjects/Account/PRM_Partner_Id__c/P-0042";

        Reply created = client.send("PATCH", path, Map.of("Name", "Acme"));
        Reply updated = client.send("PATCH", path, Map.of("Name", "Acme Renamed"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("created").asBoolean()).isTrue();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("created").asBoolean()).isFalse();
        assertThat(updated.json().get("id").asText())
                .isEqualTo(created.json().get("id").asText());
        assertThat(simulator.org().findByField("Account", "PRM_Partner_Id__c", "p-0042"))
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("Name", "Acme Renamed"));
    }

    @Test
    void missingRequiredFieldIsRefusedWithTheFieldNamed() {
        Reply reply = client.send("POST", DATA + "/sobjects/Opportunity", Map.of("Name", "Deal"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(errorCode(reply)).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(message(reply)).isEqualTo("Required fields are missing: [StageName, CloseDate]");
        assertThat(reply.json().get(0).get("fields")).hasSize(2);
    }

    @Test
    void systemAndPlatformOnlyFieldsCannotBeWritten() {
        Reply reply = client.send(
                "POST",
                DATA + "/sobjects/Lead",
                Map.of("LastName", "L", "Company", "C", "IsConverted", true, "CreatedDate", "2024-01-01T00:00:00Z"));

        assertThat(errorCode(reply)).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(message(reply)).startsWith("Unable to create/update fields: ");
    }

    @Test
    void unknownFieldIsAnInvalidField() {
        Reply reply = client.send("POST", DATA + "/sobjects/Account", Map.of("Name", "A", "Tier__c", "Gold"));

        assertThat(errorCode(reply)).isEqualTo("INVALID_FIELD");
        assertThat(message(reply)).isEqualTo("No such column 'Tier__c' on sobject of type Account");
    }

    @Test
    void valueOfTheWrongTypeFailsWhileReadingTheBody() {
        Reply reply = client.send(
                "POST",
                DATA + "/sobjects/Account",
                Map.of("Name", "A", "Partner_Tier_Override_Expires__c", "next tuesday"));

        assertThat(errorCode(reply)).isEqualTo("JSON_PARSER_ERROR");
        assertThat(message(reply)).contains("Cannot deserialize instance of date from VALUE_STRING value next tuesday");
    }

    @Test
    void lookupToAMissingRecordIsAnInvalidCrossReference() {
        String deleted = simulator.org().insert("Account", Map.of("Name", "Gone"));
        simulator.org().delete(deleted);

        Reply missing = client.send(
                "POST", DATA + "/sobjects/Lead", Map.of("LastName", "L", "Company", "C", "PartnerAccountId", deleted));
        Reply wrongObject = client.send(
                "POST",
                DATA + "/sobjects/Lead",
                Map.of("LastName", "L", "Company", "C", "PartnerAccountId", "006000000000001AAA"));

        assertThat(errorCode(missing)).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
        assertThat(errorCode(wrongObject)).isEqualTo("FIELD_INTEGRITY_EXCEPTION");
    }

    @Test
    void lookupMayNameTheParentByExternalId() {
        String partner = simulator.org().insert("Account", Map.of("Name", "P", "PRM_Partner_Id__c", "P-0007"));

        Reply reply = client.send(
                "PATCH",
                DATA + "/sobjects/Partner_Certification__c/PRM_Certification_Id__c/C-1",
                Map.of("Name", "Cert", "Account__r", Map.of("PRM_Partner_Id__c", "P-0007")));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(simulator.org().findById(reply.json().get("id").asText()).orElseThrow())
                .containsEntry("Account__c", partner);
    }

    @Test
    void opportunityWonAndClosedFlagsFollowTheStage() {
        Reply created = client.send(
                "POST",
                DATA + "/sobjects/Opportunity",
                Map.of("Name", "Deal", "StageName", "Closed Won", "CloseDate", "2024-06-30"));

        Map<String, Object> record =
                simulator.org().findById(created.json().get("id").asText()).orElseThrow();

        assertThat(record).containsEntry("IsWon", true).containsEntry("IsClosed", true);
    }

    @Test
    void describeListsFieldsWithTypesAndFlags() {
        JsonNode describe = client.get(DATA + "/sobjects/Lead/describe").json();

        assertThat(describe.get("name").asText()).isEqualTo("Lead");
        assertThat(describe.get("keyPrefix").asText()).isEqualTo("00Q");
        JsonNode converted = field(describe, "ConvertedOpportunityId");
        assertThat(converted.get("type").asText()).isEqualTo("reference");
        assertThat(converted.get("relationshipName").asText()).isEqualTo("ConvertedOpportunity");
        assertThat(converted.get("referenceTo").get(0).asText()).isEqualTo("Opportunity");
        assertThat(converted.get("createable").asBoolean()).isFalse();
        assertThat(field(describe, "PRM_Deal_Id__c").get("externalId").asBoolean())
                .isTrue();
        assertThat(field(describe, "LastName").get("nillable").asBoolean()).isFalse();
        assertThat(field(describe, "LastName").get("length").asInt()).isEqualTo(80);
        assertThat(field(describe, "Deal_Amount__c").get("length").asInt()).isZero();
        JsonNode tier = field(client.get(DATA + "/sobjects/Account/describe").json(), "Partner_Tier__c");
        assertThat(tier.get("restrictedPicklist").asBoolean()).isTrue();
        assertThat(tier.get("picklistValues").findValuesAsText("value"))
                .contains("REGISTERED", "SILVER", "GOLD", "PLATINUM")
                .doesNotContain("DIAMOND");
    }

    @Test
    void theEngagementFieldsAreDescribedAsThePackageDefinesThem() {
        JsonNode account = client.get(DATA + "/sobjects/Account/describe").json();

        JsonNode stage = field(account, "Partner_Stage__c");
        assertThat(stage.get("restrictedPicklist").asBoolean()).isTrue();
        assertThat(stage.get("picklistValues").findValuesAsText("value"))
                .containsExactly("PERCEPTION", "READINESS", "ACTIVATE", "COLLABORATION", "TRUST");
        JsonNode risk = field(account, "Partner_Churn_Risk__c");
        assertThat(risk.get("type").asText()).isEqualTo("double");
        assertThat(risk.get("precision").asInt()).isEqualTo(3);
        assertThat(risk.get("scale").asInt()).isZero();
        assertThat(field(account, "Partner_Activity_Points__c").get("type").asText())
                .isEqualTo("double");
        assertThat(field(account, "Partner_Next_Action__c").get("length").asInt())
                .isEqualTo(255);
        assertThat(field(account, "Partner_Stalled__c").get("type").asText()).isEqualTo("boolean");
        assertThat(field(account, "Partner_Signals__c").get("type").asText()).isEqualTo("textarea");
    }

    @Test
    void aNumberWithMoreDigitsThanItsFieldHasIsRefusedAndDecimalsAreRounded() {
        Reply tooLarge =
                client.send("POST", DATA + "/sobjects/Account", Map.of("Name", "A", "Partner_Churn_Risk__c", 1000));
        Reply rounded =
                client.send("POST", DATA + "/sobjects/Account", Map.of("Name", "B", "Partner_Churn_Risk__c", 99.5));

        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(errorCode(tooLarge)).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
        assertThat(message(tooLarge))
                .isEqualTo("Partner Churn Risk: value outside of valid range on numeric field: 1000");
        assertThat(simulator.org().findById(rounded.json().get("id").asText()).orElseThrow())
                .containsEntry("Partner_Churn_Risk__c", 100.0);
    }

    @Test
    void aStageLabelIsNotAStageCode() {
        Reply label = client.send(
                "POST", DATA + "/sobjects/Account", Map.of("Name", "A", "Partner_Stage__c", "Collaboration"));
        Reply code = client.send(
                "POST", DATA + "/sobjects/Account", Map.of("Name", "B", "Partner_Stage__c", "COLLABORATION"));

        assertThat(errorCode(label)).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(code.status()).isEqualTo(201);
    }

    @Test
    void globalDescribeAndLimitsAnswer() {
        JsonNode global = client.get(DATA + "/sobjects").json();
        JsonNode limits = client.get(DATA + "/limits").json();

        assertThat(global.get("sobjects").findValuesAsText("name"))
                .contains("Account", "Lead", "Opportunity", "Partner_Certification__c", "ChannelProgramMember");
        assertThat(limits.get("DailyApiRequests").get("Max").asLong()).isEqualTo(100_000);
        assertThat(limits.get("DailyApiRequests").get("Remaining").asLong()).isEqualTo(100_000 - 2);
    }

    @Test
    void unknownResourceAndWrongMethodAnswerLikeSalesforce() {
        Reply unknown = client.get(DATA + "/sobjects/Foo__c/describe");
        Reply wrongMethod = client.send("PUT", DATA + "/sobjects/Account", Map.of("Name", "A"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("NOT_FOUND");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(errorCode(wrongMethod)).isEqualTo("METHOD_NOT_ALLOWED");
    }

    private static JsonNode field(JsonNode describe, String name) {
        for (JsonNode field : describe.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name);
    }
}
