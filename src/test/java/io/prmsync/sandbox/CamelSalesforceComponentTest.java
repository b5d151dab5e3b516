package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Camel Salesforce component against the simulator: proves the simulator answers what it sends. */
class CamelSalesforceComponentTest {

    private static final SimulatorSettings SETTINGS = SimulatorSettings.defaults();

    private SalesforceSimulator simulator;
    private DefaultCamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SETTINGS);
        camel = new DefaultCamelContext();
        camel.addComponent("salesforce", component(simulator));
        camel.start();
        template = camel.createProducerTemplate();
    }

    /** The component as prm-sync configures it: username-password flow, logging in at start-up. */
    static SalesforceComponent component(SalesforceSimulator simulator) {
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(simulator.baseUrl());
        salesforce.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
        salesforce.setClientId(SETTINGS.clientId());
        salesforce.setClientSecret(SETTINGS.clientSecret());
        salesforce.setUserName(SETTINGS.username());
        salesforce.setPassword(SETTINGS.password());
        salesforce.setLazyLogin(false);
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion("62.0");
        salesforce.setConfig(config);
        return salesforce;
    }

    @AfterEach
    void stop() {
        camel.stop();
        simulator.close();
    }

    @Test
    void logsInAtStartUpWithTheUsernamePasswordFlow() {
        assertThat(simulator.counters().count(Endpoint.TOKEN)).isEqualTo(1);
    }

    @Test
    void queryAndQueryMorePageThroughAllRecords() throws IOException {
        for (int i = 0; i < 450; i++) {
            simulator.org().insert("Account", Map.of("Name", String.format("Partner %03d", i), "IsPartner", true));
        }

        JsonNode page = rawQuery("SELECT Id, Name FROM Account WHERE IsPartner = true ORDER BY Name");
        List<String> names = new ArrayList<>(QueryApiTest.names(new SimulatorClient.Reply(200, null, page, null)));
        while (!page.get("done").asBoolean()) {
            InputStream next = template.requestBody(
                    "salesforce:queryMore?rawPayload=true",
                    page.get("nextRecordsUrl").asText(),
                    InputStream.class);
            page = SimulatorClient.JSON.readTree(next);
            page.get("records").forEach(r -> names.add(r.get("Name").asText()));
        }

        assertThat(names).hasSize(450).isSorted().doesNotHaveDuplicates();
        assertThat(simulator.counters().count(Endpoint.QUERY_MORE)).isEqualTo(2);
    }

    @Test
    void compositeUpsertSendsAllOrNoneFromTheHeaderAndReadsPerRecordResults() {
        simulator.org().insert("Account", Map.of("Name", "Existing", "PRM_Partner_Id__c", "P-0001"));
        simulator
                .faults()
                .rejectRecords(
                        "Account",
                        "Industry",
                        "Gambling",
                        "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "Needs compliance approval");

        List<?> results = template.requestBodyAndHeaders(
                "salesforce:compositeUpsertSObjectCollections",
                List.of(
                        account("P-0001", "Existing Renamed", "Energy"),
                        account("P-0002", "New Partner", "Retail"),
                        account("P-0003", "Casino Partner", "Gambling")),
                Map.of("sObjectName", "Account", "sObjectIdName", "PRM_Partner_Id__c", "allOrNone", "false"),
                List.class);

        UpsertSObjectResult updated = (UpsertSObjectResult) results.get(0);
        UpsertSObjectResult created = (UpsertSObjectResult) results.get(1);
        UpsertSObjectResult rejected = (UpsertSObjectResult) results.get(2);
        assertThat(updated.getSuccess()).isTrue();
        assertThat(updated.getCreated()).isFalse();
        assertThat(created.getCreated()).isTrue();
        assertThat(created.getId()).startsWith("001");
        assertThat(rejected.getSuccess()).isFalse();
        assertThat(rejected.getErrors().get(0).getErrorCode()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(simulator.org().findByField("Account", "PRM_Partner_Id__c", "P-0001"))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("Name", "Existing Renamed"));
        assertThat(simulator.org().count("Account")).isEqualTo(2);
    }

    @Test
    void compositeUpsertWithAllOrNoneHeaderRollsBack() {
        simulator.faults().rejectRecords("Account", "Industry", "Gambling", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "No");

        List<?> results = template.requestBodyAndHeaders(
                "salesforce:compositeUpsertSObjectCollections",
                List.of(account("P-0002", "Fine", "Retail"), account("P-0003", "Casino", "Gambling")),
                Map.of("sObjectName", "Account", "sObjectIdName", "PRM_Partner_Id__c", "allOrNone", "true"),
                List.class);

        assertThat(((UpsertSObjectResult) results.get(0)).getErrors().get(0).getErrorCode())
                .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(simulator.org().count("Account")).isZero();
    }

    @Test
    void expiredSessionIsRenewedByTheComponentWithoutTheCallerNoticing() throws IOException {
        simulator.org().insert("Account", Map.of("Name", "Visible"));
        rawQuery("SELECT Id FROM Account");

        simulator.faults().expireSessions();
        JsonNode afterExpiry = rawQuery("SELECT Name FROM Account");

        assertThat(afterExpiry.get("records").get(0).get("Name").asText()).isEqualTo("Visible");
        assertThat(simulator.counters().count(Endpoint.TOKEN)).isEqualTo(2);
        assertThat(simulator.counters().count(Endpoint.QUERY)).isEqualTo(3);
    }

    @Test
    void salesforceErrorsReachTheCallerWithStatusAndErrorCode() {
        assertThatThrownBy(() -> rawQuery("SELECT Nope FROM Account"))
                .isInstanceOf(CamelExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(SalesforceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getErrors().get(0).getErrorCode()).isEqualTo("INVALID_FIELD");
                });
    }

    private JsonNode rawQuery(String soql) throws IOException {
        InputStream body = template.requestBodyAndHeaders(
                "salesforce:query?rawPayload=true",
                null,
                Map.of("sObjectQuery", soql, "Sforce-Query-Options", "batchSize=200"),
                InputStream.class);
        return SimulatorClient.JSON.readTree(body);
    }

    private static Account account(String partnerId, String name, String industry) {
        Account account = new Account();
        account.getAttributes().setType("Account");
        account.setName(name);
        account.setPrmPartnerId(partnerId);
        account.setIndustry(industry);
        return account;
    }

    /** A hand-written DTO, as prm-sync's own Salesforce package would have. */
    static final class Account extends AbstractDescribedSObjectBase {
        private String prmPartnerId;
        private String industry;

        @JsonProperty("PRM_Partner_Id__c")
        public String getPrmPartnerId() {
            return prmPartnerId;
        }

        @JsonProperty("PRM_Partner_Id__c")
        public void setPrmPartnerId(String value) {
            prmPartnerId = value;
        }

        @JsonProperty("Industry")
        public String getIndustry() {
            return industry;
        }

        @JsonProperty("Industry")
        public void setIndustry(String value) {
            industry = value;
        }

        @Override
        public SObjectDescription description() {
            SObjectDescription description = new SObjectDescription();
            description.setName("Account");
            return description;
        }
    }
}
