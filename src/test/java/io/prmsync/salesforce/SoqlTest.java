package io.prmsync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.TestMappings;
import io.prmsync.store.Watermark;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoqlTest {

    @Test
    void escapesEverythingSoqlTreatsSpecially() {
        assertThat(Soql.literal("O'Brien \\ \"Ltd\"\n")).isEqualTo("'O\\'Brien \\\\ \\\"Ltd\\\"\\n'");
    }

    @Test
    void anInjectionAttemptStaysInsideItsLiteral() {
        String literal = Soql.literal("x' OR Name != '");

        assertThat(literal).isEqualTo("'x\\' OR Name != \\''");
    }

    @ParameterizedTest
    @ValueSource(strings = {"001' OR Id != '", "001000000000001AAA'", "", "001-00000000001", "001000000000001A"})
    void refusesAnythingNotShapedLikeASalesforceId(String candidate) {
        assertThatThrownBy(() -> Soql.id(candidate)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsFifteenAndEighteenCharacterIds() {
        assertThat(Soql.id("001000000000001")).isEqualTo("'001000000000001'");
        assertThat(Soql.id("001000000000001AAA")).isEqualTo("'001000000000001AAA'");
    }

    @Test
    void rendersTypedLiterals() {
        assertThat(Soql.literal(true)).isEqualTo("true");
        assertThat(Soql.literal(Instant.parse("2024-05-01T10:15:30.120Z"))).isEqualTo("2024-05-01T10:15:30.120Z");
        assertThat(Soql.literal(null)).isEqualTo("null");
    }

    @Test
    void theInboundQueryResumesStrictlyAfterTheWatermarkInStampAndIdOrder() {
        EntityMapping mapping = TestMappings.partnerAccounts();

        String soql = InboundQuery.changedAfter(
                mapping, new Watermark(Instant.parse("2024-05-01T10:15:30Z"), "001000000000009AAA"));

        assertThat(soql)
                .isEqualTo(
                        "SELECT Id, SystemModstamp, LastModifiedDate, IsDeleted, CreatedDate, PRM_Partner_Id__c, Name,"
                                + " Website, AnnualRevenue FROM Account WHERE (IsPartner = true) AND"
                                + " (SystemModstamp > 2024-05-01T10:15:30.000Z OR (SystemModstamp = 2024-05-01T10:15:30.000Z"
                                + " AND Id > '001000000000009AAA')) ORDER BY SystemModstamp ASC, Id ASC");
    }

    @Test
    void recordsStillSettlingAreLeftForTheNextRun() {
        String soql = InboundQuery.changedAfter(
                TestMappings.partnerAccounts(),
                Watermark.START,
                java.util.Optional.of(Instant.parse("2024-05-01T10:15:28Z")));

        assertThat(soql).contains("AND SystemModstamp < 2024-05-01T10:15:28.000Z) AND SystemModstamp >= ");
    }

    @Test
    void theFirstInboundQueryReadsEverything() {
        EntityMapping mapping = TestMappings.partnerAccounts();

        assertThat(InboundQuery.changedAfter(mapping, Watermark.START))
                .contains("WHERE (IsPartner = true) AND SystemModstamp >= 1970-01-01T00:00:00.000Z ORDER BY");
    }
}
