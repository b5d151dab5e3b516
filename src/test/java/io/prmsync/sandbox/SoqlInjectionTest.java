package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.mapping.TestMappings;
import io.prmsync.salesforce.InboundQuery;
import io.prmsync.salesforce.Soql;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile values built into prm-sync's SOQL, read back by the simulator's SOQL parser: the query keeps its
 * shape (one condition, one literal per value) and each literal holds exactly the hostile text, so no value can
 * add a condition, end a string or cut the query short.
 */
class SoqlInjectionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x' OR Name != '",
                "x\\' OR Name != \\'",
                "x\\",
                "\\'",
                "'",
                "x'--",
                "x' LIMIT 1 '",
                "P-1\") OR (Id != null",
                "a\nb\tc",
                "O'Brien & Sons \"Ltd\""
            })
    void aHostileExternalIdStaysOneLiteral(String hostile) {
        SoqlQuery query = SoqlParser.parse("SELECT Id FROM Account WHERE PRM_Partner_Id__c IN (" + Soql.literal(hostile)
                + ", " + Soql.literal("P-0001") + ")");

        assertThat(query.where()).isInstanceOf(SoqlQuery.InList.class);
        SoqlQuery.InList in = (SoqlQuery.InList) query.where();
        assertThat(in.values()).extracting(literal -> literal.value()).containsExactly(hostile, "P-0001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR Name != '", "x\\' OR Name != \\'"})
    void aHostileValueInAComparisonStaysOneLiteral(String hostile) {
        SoqlQuery query = SoqlParser.parse("SELECT Id FROM Account WHERE Name = " + Soql.literal(hostile));

        assertThat(query.where()).isInstanceOf(SoqlQuery.Comparison.class);
        assertThat(((SoqlQuery.Comparison) query.where()).value().value()).isEqualTo(hostile);
    }

    @Test
    void aWebhookReadByIdReadsExactlyThoseIdsWithinTheFlowsFilter() {
        String soql =
                InboundQuery.byIds(TestMappings.partnerAccounts(), List.of("001000000000001AAA", "001000000000002AAA"));

        assertThat(soql)
                .isEqualTo(
                        "SELECT Id, SystemModstamp, LastModifiedDate, IsDeleted, CreatedDate, PRM_Partner_Id__c, Name,"
                                + " Website, AnnualRevenue FROM Account WHERE IsPartner = true AND Id IN ('001000000000001AAA',"
                                + " '001000000000002AAA') ORDER BY SystemModstamp ASC, Id ASC");
        SoqlQuery query = SoqlParser.parse(soql);
        assertThat(query.where()).isInstanceOf(SoqlQuery.And.class);
        assertThat(((SoqlQuery.And) query.where()).terms()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"001' OR Name != '", "001000000000001')", "001000000000001AAA' OR ''='"})
    void aHostileIdNeverReachesTheQuery(String hostile) {
        assertThatThrownBy(() ->
                        InboundQuery.byIds(TestMappings.partnerAccounts(), List.of("001000000000001AAA", hostile)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Salesforce id");
    }
}
