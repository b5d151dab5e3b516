package io.prmsync.sync.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.MappingLoader;
import io.prmsync.mapping.TestMappings;
import io.prmsync.salesforce.ObjectDescription;
import io.prmsync.salesforce.ObjectDescription.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MappingAgainstOrgTest {

    private EntityMapping mapping = new MappingLoader(TestMappings.CATALOG).parse(TestMappings.VALID, "m.yaml");

    private final Map<String, Field> fields = new LinkedHashMap<>();

    MappingAgainstOrgTest() {
        put(new Field("PRM_Partner_Id__c", "string", 64, true, true, false, true, Set.of()));
        put(new Field("IsPartner", "boolean", 0, true, true, false, false, Set.of()));
        put(new Field("Name", "string", 255, true, true, false, false, Set.of()));
        put(new Field("Website", "url", 255, true, true, false, false, Set.of()));
        put(new Field("AnnualRevenue", "currency", 0, true, true, false, false, Set.of()));
    }

    @Test
    void aMappingTheOrgServesHasNothingToReport() {
        assertThat(check(Map.of())).isEmpty();
    }

    @Test
    void aMissingOrHiddenFieldIsAProblemAtItsLine() {
        fields.remove("website");

        assertThat(check(Map.of())).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Finding.Severity.PROBLEM);
            assertThat(finding.where()).isEqualTo("line of website");
            assertThat(finding.message()).isEqualTo("Account has no field Website that the integration user can see");
        });
    }

    @Test
    void theExternalIdMustExistAndBeAnExternalIdAndTheRecordFilterFieldsMustExist() {
        put(new Field("PRM_Partner_Id__c", "string", 64, true, true, false, false, Set.of()));
        fields.remove("ispartner");

        assertThat(check(Map.of()))
                .extracting(f -> f.severity() + " " + f.where() + ": " + f.message())
                .containsExactly(
                        "PROBLEM line of external-id: Account.PRM_Partner_Id__c is not an External ID field, so"
                                + " upserts by it are refused",
                        "PROBLEM line of record-filter: Account has no field IsPartner that the integration user can see");
    }

    @Test
    void aTypeThePrmColumnCannotCarryIsAProblem() {
        put(new Field("AnnualRevenue", "string", 255, true, true, false, false, Set.of()));

        assertThat(check(Map.of()))
                .singleElement()
                .extracting(Finding::message)
                .isEqualTo("Account.AnnualRevenue is of type string, which the PRM column annual_revenue (decimal)"
                        + " cannot carry");
    }

    @Test
    void aTextColumnTakesOtherTypesAsTextWithAWarning() {
        put(new Field("Name", "date", 0, true, true, false, false, Set.of()));

        assertThat(check(Map.of()))
                .extracting(f -> f.severity() + ": " + f.message())
                .containsExactly("WARNING: Account.Name is of type date, which the PRM column name (text) cannot carry"
                        + " except as text");
    }

    @Test
    void aFieldTheMappingWritesMustBeUpdateableAndShouldBeCreateable() {
        put(new Field("AnnualRevenue", "currency", 0, true, false, false, false, Set.of()));
        put(new Field("Website", "url", 255, false, true, false, false, Set.of()));
        // Read only: Name flows inbound only, so not being writable is fine.
        put(new Field("Name", "string", 255, false, false, false, false, Set.of()));

        assertThat(check(Map.of()))
                .extracting(f -> f.severity() + ": " + f.message())
                .containsExactly(
                        "WARNING: Account.Website is not createable: records the flow creates go without it",
                        "PROBLEM: Account.AnnualRevenue is not updateable by the integration user, and the mapping"
                                + " writes it (owner prm)");
    }

    @Test
    void lengthsThatCannotHoldTheOtherSidesValuesAreWarnings() {
        put(new Field("Website", "url", 40, true, true, false, false, Set.of()));
        put(new Field("Name", "string", 255, true, true, true, false, Set.of()));

        assertThat(check(Map.of("website", 100, "name", 80)))
                .extracting(f -> f.severity() + ": " + f.message())
                .containsExactly(
                        "PROBLEM: Account.Name is a formula or roll-up: its value changes without SystemModstamp"
                                + " moving, so incremental runs miss those changes; add recheck: P1D (or another"
                                + " period) to the field to read every record again that often",
                        "WARNING: Account.Name holds 255 characters, partner_account.name 80: longer values cannot"
                                + " be stored and become dead letters",
                        "WARNING: partner_account.website holds 100 characters, Account.Website 40: longer values are"
                                + " refused (STRING_TOO_LONG) and become dead letters");
    }

    @Test
    void aFieldThatTruncatesIsToldItsLongerValuesAreCutNotDeadLettered() {
        mapping = new MappingLoader(TestMappings.CATALOG)
                .parse(
                        TestMappings.VALID.replace(
                                "annual_revenue: { salesforce: AnnualRevenue, owner: prm }",
                                "annual_revenue: { salesforce: AnnualRevenue, owner: prm }\n"
                                        + "  description: { salesforce: Description, owner: prm, too-long: truncate }"),
                        "m.yaml");
        put(new Field("Description", "textarea", 255, true, true, false, false, Set.of()));

        assertThat(check(Map.of("description", 4000)))
                .extracting(f -> f.severity() + ": " + f.message())
                .contains("WARNING: partner_account.description holds 4000 characters, Account.Description 255:"
                        + " longer values are cut to 255 (too-long: truncate)");
    }

    @Test
    void aFormulaTheMappingRechecksIsNoProblem() {
        mapping = new MappingLoader(TestMappings.CATALOG)
                .parse(
                        TestMappings.VALID.replace(
                                "name: { salesforce: Name, owner: salesforce }",
                                "name: { salesforce: Name, owner: salesforce, recheck: P1D }"),
                        "m.yaml");
        put(new Field("Name", "string", 80, true, true, true, false, Set.of()));

        assertThat(check(Map.of("name", 80))).extracting(Finding::message).noneMatch(m -> m.contains("formula"));
    }

    private List<Finding> check(Map<String, Integer> prmLengths) {
        return check(prmLengths, Map.of());
    }

    private List<Finding> check(Map<String, Integer> prmLengths, Map<String, Set<String>> prmValues) {
        return MappingAgainstOrg.check(
                mapping,
                new ObjectDescription("Account", fields),
                new PrmColumns() {
                    @Override
                    public OptionalInt textLength(String table, String column) {
                        return prmLengths.containsKey(column)
                                ? OptionalInt.of(prmLengths.get(column))
                                : OptionalInt.empty();
                    }

                    @Override
                    public Set<String> values(String table, String column, int limit) {
                        return prmValues.getOrDefault(column, Set.of());
                    }
                },
                key -> "line of " + key);
    }

    @Test
    void prmValuesARestrictedPicklistRefusesAreAWarningNamingThem() {
        put(new Field("Website", "picklist", 255, true, true, false, false, Set.of("a.example", "b.example")));

        assertThat(check(Map.of(), Map.of("website", Set.of("a.example", "z.example", "c.example"))))
                .extracting(f -> f.severity() + ": " + f.message())
                .containsExactly("WARNING: partner_account.website holds [c.example, z.example], which the restricted"
                        + " picklist Account.Website does not list: those records are refused"
                        + " (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST) and become dead letters");
    }

    private void put(Field field) {
        fields.put(field.name().toLowerCase(Locale.ROOT), field);
    }
}
