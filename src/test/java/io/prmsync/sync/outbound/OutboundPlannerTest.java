package io.prmsync.sync.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.mapping.MappingLoader;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.RecordValues;
import io.prmsync.mapping.TestMappings;
import io.prmsync.store.PrmRow;
import io.prmsync.store.RecordSyncState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundPlannerTest {

    private final RecordMapper mapper = new RecordMapper(TestMappings.partnerAccounts());
    private final OutboundPlanner planner = new OutboundPlanner(mapper, Map::of);

    private static PrmRow row(String website, int revenue) {
        return new PrmRow(
                "P-1", Map.of("name", "Acme", "website", website, "annual_revenue", revenue), Instant.EPOCH, null);
    }

    private RecordSyncState syncedAs(PrmRow row) {
        RecordValues values = mapper.fromPrm(row.columns());
        return new RecordSyncState(
                "partner-account",
                "P-1",
                "001000000000001AAA",
                mapper.inboundHash(values),
                mapper.outboundHash(values),
                mapper.agreedValues(values));
    }

    @Test
    void aFieldThatTruncatesIsCutToWhatItsSalesforceFieldHoldsAndOthersAreSentWhole() {
        RecordMapper truncating = new RecordMapper(new MappingLoader(TestMappings.CATALOG)
                .parse(
                        TestMappings.VALID.replace(
                                "annual_revenue: { salesforce: AnnualRevenue, owner: prm }",
                                "annual_revenue: { salesforce: AnnualRevenue, owner: prm }\n"
                                        + "  description: { salesforce: Description, owner: prm, too-long: truncate }"),
                        "partner-accounts.yaml"));
        OutboundPlanner cutting =
                new OutboundPlanner(truncating, Map::of, () -> Map.of("description", 5, "website", 3, "name", 255));
        PrmRow row = new PrmRow(
                "P-1",
                Map.of(
                        "name",
                        "Acme",
                        "website",
                        "acme.example",
                        "annual_revenue",
                        5,
                        "description",
                        "abcd\uD83D\uDE00xyz"),
                Instant.EPOCH,
                null);

        OutboundPlanner.Plan plan = cutting.plan(row, null, Map.of());

        assertThat(plan)
                .isInstanceOfSatisfying(
                        OutboundPlanner.Plan.Send.class,
                        send -> assertThat(send.record().fields())
                                .as("not between the halves of a surrogate pair")
                                .containsEntry("Description", "abcd")
                                .as("a field that dead-letters goes whole, for Salesforce to refuse")
                                .containsEntry("Website", "acme.example"));
    }

    @Test
    void aRowWhoseCutValueSalesforceHoldsIsNotSentAgain() {
        RecordMapper truncating = new RecordMapper(new MappingLoader(TestMappings.CATALOG)
                .parse(
                        TestMappings.VALID.replace(
                                "annual_revenue: { salesforce: AnnualRevenue, owner: prm }",
                                "annual_revenue: { salesforce: AnnualRevenue, owner: prm }\n"
                                        + "  description: { salesforce: Description, owner: prm, too-long: truncate }"),
                        "partner-accounts.yaml"));
        OutboundPlanner cutting = new OutboundPlanner(truncating, Map::of, () -> Map.of("description", 5));
        Map<String, Object> columns = Map.of("name", "Acme", "website", "acme.example", "description", "abcdefgh");
        PrmRow row = new PrmRow("P-1", columns, Instant.EPOCH, null);
        Map<String, Object> held = new java.util.HashMap<>(columns);
        held.put("description", "abcde");
        RecordValues echo = truncating.fromPrm(held);
        RecordSyncState synced = new RecordSyncState(
                "partner-account",
                "P-1",
                "001000000000001AAA",
                truncating.inboundHash(echo),
                truncating.outboundHash(echo),
                truncating.agreedValues(echo));

        assertThat(cutting.plan(row, synced, Map.of())).isInstanceOf(OutboundPlanner.Plan.Nothing.class);
        assertThat(cutting.plan(
                        new PrmRow(
                                "P-1",
                                Map.of("name", "Acme", "website", "acme.example", "description", "abcdXYZ"),
                                Instant.EPOCH,
                                null),
                        synced,
                        Map.of()))
                .as("a change within what Salesforce holds still goes out")
                .isInstanceOf(OutboundPlanner.Plan.Send.class);
    }

    @Test
    void sendsNothingForARowSalesforceAlreadyHas() {
        PrmRow row = row("acme.example", 5);

        assertThat(planner.plan(row, syncedAs(row), Map.of())).isInstanceOf(OutboundPlanner.Plan.Nothing.class);
    }

    @Test
    void leavesOutALatestWinsFieldThePrmStoreDidNotChange() {
        RecordSyncState state = syncedAs(row("acme.example", 5));

        OutboundPlanner.Plan plan = planner.plan(row("acme.example", 6), state, Map.of());

        assertThat(plan)
                .isInstanceOfSatisfying(
                        OutboundPlanner.Plan.Send.class,
                        send -> assertThat(send.record().fields())
                                .containsEntry("Id", "001000000000001AAA")
                                .containsKey("AnnualRevenue")
                                .doesNotContainKey("Website"));
    }

    @Test
    void sendsALatestWinsFieldThePrmStoreChanged() {
        RecordSyncState state = syncedAs(row("acme.example", 5));

        OutboundPlanner.Plan plan = planner.plan(row("acme.test", 5), state, Map.of());

        assertThat(plan)
                .isInstanceOfSatisfying(
                        OutboundPlanner.Plan.Send.class,
                        send -> assertThat(send.record().fields()).containsEntry("Website", "acme.test"));
    }

    @Test
    void createsAnUnpairedRowWithEveryFieldAndTheRecordFilter() {
        OutboundPlanner.Plan plan = planner.plan(row("acme.example", 5), null, Map.of());

        assertThat(plan)
                .isInstanceOfSatisfying(
                        OutboundPlanner.Plan.Send.class,
                        send -> assertThat(send.record().fields())
                                .containsEntry("Name", "Acme")
                                .containsEntry("IsPartner", true)
                                .containsEntry("PRM_Partner_Id__c", "P-1")
                                .doesNotContainKey("Id"));
    }
}
