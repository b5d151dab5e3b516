package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prmsync.sandbox.SimulatorClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QueryApiTest {

    private SalesforceSimulator simulator;
    private SimulatedOrg org;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SimulatorSettings.defaults());
        org = simulator.org();
        client = SimulatorClient.loggedIn(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Nested
    class Paging {

        @Test
        void pagesQueryResultsWithNextRecordsUrl() {
            insertAccounts(450);

            Reply first = client.query("SELECT Id, Name FROM Account", 200);
            Reply second = client.get(first.json().get("nextRecordsUrl").asText());
            Reply third = client.get(second.json().get("nextRecordsUrl").asText());

            assertThat(first.json().get("totalSize").asInt()).isEqualTo(450);
            assertThat(first.json().get("done").asBoolean()).isFalse();
            assertThat(first.json().get("nextRecordsUrl").asText())
                    .matches("/services/data/v62\\.0/query/01g\\w{15}-200");
            assertThat(first.json().get("records")).hasSize(200);
            assertThat(second.json().get("records")).hasSize(200);
            assertThat(second.json().get("totalSize").asInt()).isEqualTo(450);
            assertThat(third.json().get("records")).hasSize(50);
            assertThat(third.json().get("done").asBoolean()).isTrue();
            assertThat(third.json().has("nextRecordsUrl")).isFalse();
            List<String> all = new ArrayList<>(names(first));
            all.addAll(names(second));
            all.addAll(names(third));
            assertThat(all).doesNotHaveDuplicates().hasSize(450);
            assertThat(simulator.counters().count(Endpoint.QUERY_MORE)).isEqualTo(2);
        }

        @Test
        void aUserHoldsTenOpenCursorsAndAnEleventhReleasesTheOldest() {
            insertAccounts(201);

            List<String> next = new ArrayList<>();
            for (int i = 0; i < QueryCursors.MAX_OPEN + 1; i++) {
                next.add(client.query("SELECT Id FROM Account", 200)
                        .json()
                        .get("nextRecordsUrl")
                        .asText());
            }
            Reply oldest = client.get(next.get(0));
            Reply second = client.get(next.get(1));

            assertThat(oldest.status()).isEqualTo(400);
            assertThat(oldest.body()).contains("INVALID_QUERY_LOCATOR");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.json().get("records")).hasSize(1);
        }

        @Test
        void aCursorLeftIdleForFifteenMinutesExpires() {
            insertAccounts(401);
            java.time.Instant start = java.time.Instant.parse("2026-12-05T10:00:00Z");
            org.useClock(java.time.Clock.fixed(start, java.time.ZoneOffset.UTC));
            String idle = client.query("SELECT Id FROM Account", 200)
                    .json()
                    .get("nextRecordsUrl")
                    .asText();
            String busy = client.query("SELECT Id FROM Account", 200)
                    .json()
                    .get("nextRecordsUrl")
                    .asText();

            org.useClock(java.time.Clock.fixed(start.plusSeconds(14 * 60), java.time.ZoneOffset.UTC));
            Reply busyPage = client.get(busy);
            org.useClock(java.time.Clock.fixed(start.plusSeconds(16 * 60), java.time.ZoneOffset.UTC));
            Reply idlePage = client.get(idle);
            Reply busyAgain = client.get(busyPage.json().get("nextRecordsUrl").asText());

            assertThat(idlePage.status()).isEqualTo(400);
            assertThat(idlePage.body()).contains("INVALID_QUERY_LOCATOR");
            assertThat(busyAgain.status()).as("used two minutes ago").isEqualTo(200);
        }

        @Test
        void aCursorReadToItsLastPageIsClosedAndHoldsNoPlace() {
            insertAccounts(201);
            List<String> open = new ArrayList<>();
            for (int i = 0; i < QueryCursors.MAX_OPEN - 1; i++) {
                open.add(nextPage(client.query("SELECT Id FROM Account", 200)));
            }
            String finished = nextPage(client.query("SELECT Id FROM Account", 200));
            assertThat(client.get(finished).status()).isEqualTo(200);

            open.add(nextPage(client.query("SELECT Id FROM Account", 200)));

            assertThat(client.get(finished).status())
                    .as("read to the end: closed")
                    .isEqualTo(400);
            assertThat(open)
                    .allSatisfy(locator -> assertThat(client.get(locator).status())
                            .as("the finished cursor held no place, so nothing was released for " + locator)
                            .isEqualTo(200));
        }

        private String nextPage(Reply reply) {
            return reply.json().get("nextRecordsUrl").asText();
        }

        @Test
        void aRequestWhoseUriOrHeadersPass16KilobytesIsRefused() {
            String padding = "x".repeat(SalesforceSimulator.REQUEST_HEAD_BYTES);

            Reply longUri = client.get("/services/data/v62.0/sobjects/Account/" + padding);
            Reply longHeader = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(simulator.baseUrl() + "/services/data/v62.0/limits"))
                    .header("X-Padding", padding));
            Reply shortEnough = client.get("/services/data/v62.0/sobjects/Account/" + "x".repeat(14_000));

            assertThat(longUri.status()).isEqualTo(414);
            assertThat(longHeader.status()).isEqualTo(431);
            assertThat(shortEnough.status()).isNotIn(414, 431);
        }

        @Test
        void laterPagesComeFromTheSnapshotTakenWhenTheQueryRan() {
            List<String> ids = insertAccounts(300);
            Reply first = client.query("SELECT Name FROM Account ORDER BY Name", 200);

            org.delete(ids.get(250));
            org.insert("Account", Map.of("Name", "Account 0000 inserted later"));
            Reply second = client.get(first.json().get("nextRecordsUrl").asText());

            assertThat(names(second))
                    .hasSize(100)
                    .contains("Account 0250")
                    .doesNotContain("Account 0000 inserted later");
        }

        @Test
        void defaultPageIs2000RowsAndSmallBatchSizesAreRaisedTo200() {
            insertAccounts(2100);

            assertThat(client.query("SELECT Id FROM Account").json().get("records"))
                    .hasSize(2000);
            assertThat(client.query("SELECT Id FROM Account", 50).json().get("records"))
                    .hasSize(200);
        }

        @Test
        void queryAnswersWithAndWithoutTheTrailingSlash() {
            insertAccounts(3);

            Reply withSlash =
                    client.get(SimulatorClient.DATA + "/query/?q=" + SimulatorClient.encode("SELECT Id FROM Account"));
            Reply without =
                    client.get(SimulatorClient.DATA + "/query?q=" + SimulatorClient.encode("SELECT Id FROM Account"));

            assertThat(withSlash.json().get("totalSize").asInt()).isEqualTo(3);
            assertThat(without.json().get("totalSize").asInt()).isEqualTo(3);
        }

        @Test
        void theBatchSizeIsAHintThatShorterPagesMayNotHonour() {
            insertAccounts(450);
            simulator.faults().shortenQueryPages(120);

            List<Integer> pageSizes = new ArrayList<>();
            List<String> all = new ArrayList<>();
            Reply page = client.query("SELECT Id, Name FROM Account", 2000);
            while (true) {
                pageSizes.add(page.json().get("records").size());
                all.addAll(names(page));
                if (page.json().get("done").asBoolean()) {
                    break;
                }
                page = client.get(page.json().get("nextRecordsUrl").asText());
            }

            assertThat(pageSizes).containsExactly(120, 120, 120, 90);
            assertThat(all).doesNotHaveDuplicates().hasSize(450);
        }

        @Test
        void twoLongTextAreasInTheSelectCapAPageAt200Records() {
            insertAccounts(250);

            Reply oneLongText = client.query("SELECT Id, Description FROM Account", 2000);
            Reply twoLongTexts = client.query("SELECT Id, Description, Partner_Signals__c FROM Account", 2000);

            assertThat(oneLongText.json().get("records")).hasSize(250);
            assertThat(twoLongTexts.json().get("records")).hasSize(200);
            assertThat(twoLongTexts.json().get("totalSize").asInt()).isEqualTo(250);
            assertThat(twoLongTexts.json().get("done").asBoolean()).isFalse();
        }

        @Test
        void unknownLocatorIsAnInvalidQueryLocator() {
            Reply reply = client.get(SimulatorClient.DATA + "/query/01g000000000XYZ-2000");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(errorCode(reply)).isEqualTo("INVALID_QUERY_LOCATOR");
        }

        @Test
        void queryAllShowsDeletedRowsAndQueryDoesNot() {
            List<String> ids = insertAccounts(3);
            org.delete(ids.get(1));

            Reply live = client.query("SELECT Id, IsDeleted FROM Account");
            Reply all = client.queryAll("SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true");

            assertThat(live.json().get("totalSize").asInt()).isEqualTo(2);
            assertThat(all.json().get("totalSize").asInt()).isEqualTo(1);
            assertThat(all.json().get("records").get(0).get("Id").asText()).isEqualTo(ids.get(1));
            assertThat(all.json().get("records").get(0).get("IsDeleted").asBoolean())
                    .isTrue();
        }
    }

    @Nested
    class Soql {

        @Test
        void stringLiteralsUnderstandSalesforceEscapes() {
            org.insert("Account", Map.of("Name", "O'Brien \\ Sons \"Ltd\"\tEU"));
            org.insert("Account", Map.of("Name", "O'Brien Sons"));

            Reply reply = client.query("SELECT Name FROM Account WHERE Name = 'O\\'Brien \\\\ Sons \\\"Ltd\\\"\\tEU'");

            assertThat(names(reply)).containsExactly("O'Brien \\ Sons \"Ltd\"\tEU");
        }

        @Test
        void likeTreatsEscapedPercentAndUnderscoreLiterally() {
            org.insert("Account", Map.of("Name", "100% Partners"));
            org.insert("Account", Map.of("Name", "1000 Partners"));
            org.insert("Account", Map.of("Name", "Under_score"));
            org.insert("Account", Map.of("Name", "UnderXscore"));

            assertThat(names(client.query("SELECT Name FROM Account WHERE Name LIKE '100\\%%'")))
                    .containsExactly("100% Partners");
            assertThat(names(client.query("SELECT Name FROM Account WHERE Name LIKE '100%'")))
                    .containsExactlyInAnyOrder("100% Partners", "1000 Partners");
            assertThat(names(client.query("SELECT Name FROM Account WHERE Name LIKE 'under\\_%'")))
                    .containsExactly("Under_score");
        }

        @Test
        void inSelectsListedValuesWhileNotInAndNotEqualsAlsoKeepNulls() {
            org.insert("Account", Map.of("Name", "A", "Industry", "Energy"));
            org.insert("Account", Map.of("Name", "B", "Industry", "Retail"));
            org.insert("Account", Map.of("Name", "C", "Industry", "Healthcare"));
            org.insert("Account", Map.of("Name", "D"));

            assertThat(names(client.query("SELECT Name FROM Account WHERE Industry IN ('energy', 'Retail')")))
                    .containsExactlyInAnyOrder("A", "B");
            assertThat(names(client.query("SELECT Name FROM Account WHERE Industry NOT IN ('Energy','Retail')")))
                    .containsExactlyInAnyOrder("C", "D");
            assertThat(names(client.query("SELECT Name FROM Account WHERE Industry != 'Energy'")))
                    .containsExactlyInAnyOrder("B", "C", "D");
        }

        @Test
        void andMixedWithOrWithoutParenthesesIsMalformedAsInSalesforce() {
            Reply reply = client.query("SELECT Id FROM Account WHERE Name = 'A' AND Industry = 'Energy' OR Name = 'B'");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(errorCode(reply)).isEqualTo("MALFORMED_QUERY");
            assertThat(message(reply)).contains("unexpected token: 'OR'");
        }

        @Test
        void parenthesesDecideHowAndAndOrCombine() {
            org.insert("Account", Map.of("Name", "A", "Industry", "Energy"));
            org.insert("Account", Map.of("Name", "A", "Industry", "Retail"));
            org.insert("Account", Map.of("Name", "B", "Industry", "Retail"));

            assertThat(client.query("SELECT Id FROM Account WHERE (Name = 'A' AND Industry = 'Energy') OR Name = 'B'")
                            .json()
                            .get("totalSize")
                            .asInt())
                    .isEqualTo(2);
            assertThat(client.query("SELECT Id FROM Account WHERE Name = 'A' AND (Industry = 'Energy' OR Name = 'B')")
                            .json()
                            .get("totalSize")
                            .asInt())
                    .isEqualTo(1);
            assertThat(client.query("SELECT Id FROM Account WHERE NOT (Name = 'A' OR Industry = 'Energy')")
                            .json()
                            .get("totalSize")
                            .asInt())
                    .isEqualTo(1);
        }

        @Test
        void textComparisonsIgnoreCase() {
            org.insert("Account", Map.of("Name", "Northwind Systems"));

            assertThat(client.query("SELECT Id FROM Account WHERE Name = 'NORTHWIND systems'")
                            .json()
                            .get("totalSize")
                            .asInt())
                    .isEqualTo(1);
        }

        @Test
        void orderByTwoKeysHonoursDirectionAndPutsNullsFirstByDefault() {
            org.insert("Account", Map.of("Name", "b", "Industry", "Retail"));
            org.insert("Account", Map.of("Name", "a", "Industry", "Retail"));
            org.insert("Account", Map.of("Name", "c", "Industry", "Energy"));
            org.insert("Account", Map.of("Name", "d"));

            assertThat(names(client.query("SELECT Name FROM Account ORDER BY Industry DESC, Name ASC")))
                    .containsExactly("d", "a", "b", "c");
            assertThat(names(client.query("SELECT Name FROM Account ORDER BY Industry ASC NULLS LAST, Name DESC")))
                    .containsExactly("c", "b", "a", "d");
        }

        @Test
        void limitCapsTheResultAndItsTotalSize() {
            insertAccounts(10);

            Reply reply = client.query("SELECT Name FROM Account ORDER BY Name DESC LIMIT 3");

            assertThat(reply.json().get("totalSize").asInt()).isEqualTo(3);
            assertThat(names(reply)).containsExactly("Account 0009", "Account 0008", "Account 0007");
        }

        @Test
        void countAnswersTotalSizeWithoutRecords() {
            insertAccounts(7);

            Reply reply = client.query("SELECT COUNT() FROM Account WHERE Name != 'Account 0003'");

            assertThat(reply.json().get("totalSize").asInt()).isEqualTo(6);
            assertThat(reply.json().get("records")).isEmpty();
        }

        @Test
        void relationshipFieldsComeBackNestedOrNull() {
            String partner = org.insert("Account", Map.of("Name", "Partner", "PRM_Partner_Id__c", "P-0001"));
            org.insert("Lead", Map.of("LastName", "Linked", "Company", "X", "PartnerAccountId", partner));
            org.insert("Lead", Map.of("LastName", "Unlinked", "Company", "Y"));

            Reply reply = client.query("SELECT LastName, PartnerAccount.PRM_Partner_Id__c, PartnerAccount.Name"
                    + " FROM Lead ORDER BY LastName");

            JsonNode linked = reply.json().get("records").get(0);
            assertThat(linked.get("PartnerAccount")
                            .get("attributes")
                            .get("type")
                            .asText())
                    .isEqualTo("Account");
            assertThat(linked.get("PartnerAccount").get("attributes").get("url").asText())
                    .isEqualTo("/services/data/v62.0/sobjects/Account/" + partner);
            assertThat(linked.get("PartnerAccount").get("PRM_Partner_Id__c").asText())
                    .isEqualTo("P-0001");
            assertThat(linked.get("PartnerAccount").get("Name").asText()).isEqualTo("Partner");
            assertThat(reply.json().get("records").get(1).get("PartnerAccount").isNull())
                    .isTrue();
        }

        @Test
        void relationshipPathsFilterInWhere() {
            String partner = org.insert("Account", Map.of("Name", "Partner", "PRM_Partner_Id__c", "P-0001"));
            org.insert("Partner_Certification__c", Map.of("Name", "Cert A", "Account__c", partner));
            String other = org.insert("Account", Map.of("Name", "Other"));
            org.insert("Partner_Certification__c", Map.of("Name", "Cert B", "Account__c", other));

            Reply reply = client.query("SELECT Name, Account__r.PRM_Partner_Id__c FROM Partner_Certification__c"
                    + " WHERE Account__r.PRM_Partner_Id__c != null");

            assertThat(names(reply)).containsExactly("Cert A");
            assertThat(reply.json()
                            .get("records")
                            .get(0)
                            .get("Account__r")
                            .get("PRM_Partner_Id__c")
                            .asText())
                    .isEqualTo("P-0001");
        }

        @Test
        void malformedQueryAnswersMalformedQuery() {
            Reply reply = client.query("SELECT Id FROM Account WHERE Name = ");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(errorCode(reply)).isEqualTo("MALFORMED_QUERY");
            assertThat(message(reply)).contains("unexpected token: '<EOF>'");
        }

        @Test
        void unknownFieldAnswersInvalidFieldWordedLikeSalesforce() {
            Reply reply = client.query("SELECT Id, Foo FROM Account");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(errorCode(reply)).isEqualTo("INVALID_FIELD");
            assertThat(message(reply))
                    .startsWith("\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\n")
                    .contains("No such column 'Foo' on entity 'Account'.");
        }

        @Test
        void unknownObjectAnswersInvalidType() {
            Reply reply = client.query("SELECT Id FROM Partner__c");

            assertThat(errorCode(reply)).isEqualTo("INVALID_TYPE");
            assertThat(message(reply)).contains("sObject type 'Partner__c' is not supported.");
        }

        @Test
        void unknownRelationshipAnswersInvalidField() {
            Reply reply = client.query("SELECT Partner.Name FROM Lead");

            assertThat(errorCode(reply)).isEqualTo("INVALID_FIELD");
            assertThat(message(reply)).contains("Didn't understand relationship 'Partner' in field path.");
        }

        @Test
        void literalsMustMatchTheFieldType() {
            Reply quotedDate = client.query("SELECT Id FROM Account WHERE SystemModstamp > '2024-01-01T00:00:00Z'");
            Reply quotedBoolean = client.query("SELECT Id FROM Account WHERE IsPartner = 'true'");
            Reply unquotedText = client.query("SELECT Id FROM Account WHERE Name = 5");

            assertThat(errorCode(quotedDate)).isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
            assertThat(message(quotedDate))
                    .contains("value of filter criterion for field 'SystemModstamp' must be of"
                            + " type dateTime and should not be enclosed in quotes");
            assertThat(errorCode(quotedBoolean)).isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
            assertThat(message(unquotedText)).contains("must be of type string and should be enclosed in quotes");
        }

        @Test
        void longTextAreasCannotBeFiltered() {
            Reply reply = client.query("SELECT Id FROM Account WHERE Description = 'x'");

            assertThat(errorCode(reply)).isEqualTo("INVALID_FIELD");
            assertThat(message(reply)).contains("field 'Description' can not be filtered");
        }
    }

    private List<String> insertAccounts(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(org.insert("Account", Map.of("Name", String.format("Account %04d", i))));
        }
        return ids;
    }

    static List<String> names(Reply reply) {
        List<String> names = new ArrayList<>();
        reply.json().get("records").forEach(r -> names.add(r.get("Name").asText()));
        return names;
    }

    static String errorCode(Reply reply) {
        return reply.json().get(0).get("errorCode").asText();
    }

    static String message(Reply reply) {
        return reply.json().get(0).get("message").asText();
    }
}
