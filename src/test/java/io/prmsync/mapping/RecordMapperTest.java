package io.prmsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordMapperTest {

    private final RecordMapper mapper = new RecordMapper(TestMappings.partnerAccounts());

    private static SalesforceRecord account(Map<String, Object> fields) {
        return new SalesforceRecord("Account", "001000000000001AAA", Instant.EPOCH, Instant.EPOCH, false, fields);
    }

    @Test
    void equalValuesHashEquallyWhicheverSideTheyCameFrom() {
        RecordValues fromSalesforce = mapper.fromSalesforce(
                account(Map.of("Name", "Acme", "Website", "acme.example", "AnnualRevenue", 1200)));
        RecordValues fromPrm = mapper.fromPrm(
                Map.of("name", "Acme", "website", "acme.example", "annual_revenue", new BigDecimal("1200.00")));

        assertThat(mapper.inboundHash(fromSalesforce)).isEqualTo(mapper.inboundHash(fromPrm));
        assertThat(mapper.outboundHash(fromSalesforce)).isEqualTo(mapper.outboundHash(fromPrm));
    }

    @Test
    void aClearedFieldChangesTheHash() {
        Map<String, Object> withWebsite = Map.of("Name", "Acme", "Website", "acme.example");
        Map<String, Object> cleared = new HashMap<>(withWebsite);
        cleared.put("Website", null);

        assertThat(mapper.inboundHash(mapper.fromSalesforce(account(withWebsite))))
                .isNotEqualTo(mapper.inboundHash(mapper.fromSalesforce(account(cleared))));
    }

    @Test
    void onlyOwnedFieldsChangeTheirDirectionsHash() {
        RecordValues before = mapper.fromPrm(Map.of("name", "Acme", "annual_revenue", 1));
        RecordValues prmOnlyChange = mapper.fromPrm(Map.of("name", "Acme", "annual_revenue", 2));

        assertThat(mapper.inboundHash(prmOnlyChange)).isEqualTo(mapper.inboundHash(before));
        assertThat(mapper.outboundHash(prmOnlyChange)).isNotEqualTo(mapper.outboundHash(before));
    }

    @Test
    void sendsEveryFieldAndTheRecordFilterOnCreateButOnlyOwnedFieldsOnUpdate() {
        RecordValues values = mapper.fromPrm(Map.of("name", "Acme", "website", "acme.example", "annual_revenue", 5));

        assertThat(mapper.toSalesforce("P-1", values, true))
                .containsEntry("Name", "Acme")
                .containsEntry("IsPartner", true)
                .containsEntry("PRM_Partner_Id__c", "P-1");
        assertThat(mapper.toSalesforce("P-1", values, false))
                .doesNotContainKeys("Name", "IsPartner")
                .containsEntry("Website", "acme.example")
                .containsEntry("AnnualRevenue", new BigDecimal("5"));
    }

    @Test
    void aValueThatDoesNotFitItsColumnNamesRecordFieldAndValue() {
        assertThatThrownBy(() -> mapper.fromSalesforce(account(Map.of("Name", "Acme", "AnnualRevenue", "lots"))))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("Account.AnnualRevenue value 'lots' of record 001000000000001AAA")
                .hasMessageContaining("partner_account.annual_revenue (DECIMAL)");
    }

    @Test
    void refusesToWriteARowWithoutAValueItsTableRequires() {
        RecordValues nameless = mapper.fromSalesforce(account(Map.of("Website", "acme.example")));

        assertThatThrownBy(() -> mapper.requireComplete(nameless, "001000000000001AAA"))
                .isInstanceOf(MappingException.class)
                .hasMessage("Record 001000000000001AAA lacks values the PRM store requires: Account.Name (name)");
    }

    @Test
    void readsSalesforceDateTimesInEitherOffsetStyle() {
        assertThat(ValueType.parseSalesforceDateTime("2024-05-01T10:15:30.000+0000"))
                .isEqualTo(Instant.parse("2024-05-01T10:15:30Z"));
        assertThat(ValueType.parseSalesforceDateTime("2024-05-01T12:15:30.000+02:00"))
                .isEqualTo(Instant.parse("2024-05-01T10:15:30Z"));
    }
}
