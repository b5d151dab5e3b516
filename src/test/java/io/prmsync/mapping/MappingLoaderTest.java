package io.prmsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.yaml.ConfigInvalidException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MappingLoaderTest {

    private final MappingLoader loader = new MappingLoader(TestMappings.CATALOG);

    @Test
    void readsAValidMappingWithTypesFromTheSchema() {
        EntityMapping mapping = loader.parse(TestMappings.VALID, "partner-accounts.yaml");

        assertThat(mapping.sObject()).isEqualTo("Account");
        assertThat(mapping.recordFilter()).containsEntry("IsPartner", true);
        assertThat(mapping.fields())
                .extracting(FieldMapping::prmColumn)
                .containsExactly("name", "website", "annual_revenue");
        assertThat(mapping.field("annual_revenue"))
                .get()
                .extracting(FieldMapping::type)
                .isEqualTo(ValueType.DECIMAL);
        assertThat(mapping.inboundFields()).extracting(FieldMapping::prmColumn).containsExactly("name", "website");
        assertThat(mapping.outboundFields())
                .extracting(FieldMapping::prmColumn)
                .containsExactly("website", "annual_revenue");
        assertThat(mapping.deletes().deactivateWith()).containsEntry("IsPartner", false);
        assertThat(mapping.duplicates()).as("Salesforce's own default").isEqualTo(DuplicatePolicy.BLOCK);
    }

    @Test
    void aFieldThePrmStoreOwnsMayHaveTooLongValuesCut() {
        String yaml = TestMappings.VALID.replace(
                "annual_revenue: { salesforce: AnnualRevenue, owner: prm }",
                "annual_revenue: { salesforce: AnnualRevenue, owner: prm }\n"
                        + "  description: { salesforce: Description, owner: prm, too-long: truncate }");

        EntityMapping mapping = loader.parse(yaml, "m.yaml");

        assertThat(mapping.field("description"))
                .get()
                .satisfies(f -> assertThat(f.truncatesTooLongValues()).isTrue());
        assertThat(mapping.field("annual_revenue"))
                .get()
                .satisfies(f -> assertThat(f.tooLong()).as("the default").isEqualTo(TooLongValues.DEAD_LETTER));
    }

    @Test
    void aFieldSalesforceCalculatesMayBeRecheckedEverySoOften() {
        String yaml = TestMappings.VALID.replace(
                "name: { salesforce: Name, owner: salesforce }",
                "name: { salesforce: Name, owner: salesforce, recheck: P1D }");

        EntityMapping mapping = loader.parse(yaml, "m.yaml");

        assertThat(mapping.recheckEvery()).contains(java.time.Duration.ofDays(1));
        assertThat(loader.parse(TestMappings.VALID, "m.yaml").recheckEvery()).isEmpty();
    }

    @Test
    void aMappingMayTakeChangeEventsFromItsObjectsChannelOrANamedOne() {
        String ownChannel = TestMappings.VALID.replace("  object: Account", "  object: Account\n  change-events: true");
        String custom = TestMappings.VALID.replace(
                "  object: Account", "  object: Account\n  change-events: /data/PRM_Partner__chn");
        String off = TestMappings.VALID.replace("  object: Account", "  object: Account\n  change-events: false");

        assertThat(loader.parse(ownChannel, "m.yaml").changeEvents()).contains("/data/AccountChangeEvent");
        assertThat(loader.parse(custom, "m.yaml").changeEvents()).contains("/data/PRM_Partner__chn");
        assertThat(loader.parse(off, "m.yaml").changeEvents()).isEmpty();
        assertThat(loader.parse(TestMappings.VALID, "m.yaml").changeEvents())
                .as("the default")
                .isEmpty();
        assertThat(ChangeEventChannel.standard("Partner_Certification__c"))
                .isEqualTo("/data/Partner_Certification__ChangeEvent");
    }

    @Test
    void aChangeEventChannelThatIsNoChannelIsRefusedWithItsLine() {
        String yaml = TestMappings.VALID.replace("  object: Account", "  object: Account\n  change-events: Account");

        assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageContaining("m.yaml line 7: salesforce.change-events must be true, false or a change event"
                        + " channel such as /data/AccountChangeEvent or /data/PRM_Partner__chn, not 'Account'");
    }

    @Test
    void aMappingMayAskSalesforceToSaveRecordsItsDuplicateRulesFlag() {
        String yaml = TestMappings.VALID.replace("  object: Account", "  object: Account\n  duplicates: allow-save");

        assertThat(loader.parse(yaml, "m.yaml").duplicates()).isEqualTo(DuplicatePolicy.ALLOW_SAVE);
    }

    @Nested
    class RefusesWithFileLineAndKey {

        @Test
        void anUnknownColumn() {
            String yaml = TestMappings.VALID.replace("  website: {", "  web_site: {");

            assertThatThrownBy(() -> loader.parse(yaml, "partner-accounts.yaml"))
                    .isInstanceOf(ConfigInvalidException.class)
                    .hasMessageContaining(
                            "partner-accounts.yaml line 12: fields.web_site is not a column of table 'partner_account'");
        }

        @Test
        void anUnknownOwner() {
            String yaml = TestMappings.VALID.replace("owner: latest-wins", "owner: whoever");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining(
                            "m.yaml line 12: fields.website.owner must be one of [latest-wins, prm, salesforce], not 'whoever'");
        }

        @Test
        void cuttingALatestWinsField() {
            String yaml = TestMappings.VALID.replace(
                    "website: { salesforce: Website, owner: latest-wins }",
                    "website: { salesforce: Website, owner: latest-wins, too-long: truncate }");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining("m.yaml line 12: fields.website.too-long 'truncate' is only for fields the"
                            + " PRM store owns (owner: prm): a latest-wins field would come back cut");
        }

        @Test
        void aRecheckThatIsNoDuration() {
            String yaml = TestMappings.VALID.replace(
                    "name: { salesforce: Name, owner: salesforce }",
                    "name: { salesforce: Name, owner: salesforce, recheck: daily }");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining("m.yaml line 11: fields.name.recheck must be an ISO-8601 duration such as P1D"
                            + " or PT12H, not 'daily'");
        }

        @Test
        void aRecheckOfAFieldThatIsNeverRead() {
            String yaml = TestMappings.VALID.replace(
                    "annual_revenue: { salesforce: AnnualRevenue, owner: prm }",
                    "annual_revenue: { salesforce: AnnualRevenue, owner: prm, recheck: P1D }");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining("m.yaml line 13: fields.annual_revenue.recheck re-reads a field from"
                            + " Salesforce, but an owner: prm field is never read");
        }

        @Test
        void anUnknownDuplicatePolicy() {
            String yaml = TestMappings.VALID.replace("  object: Account", "  object: Account\n  duplicates: ignore");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining(
                            "m.yaml line 7: salesforce.duplicates must be one of [allow-save, block], not 'ignore'");
        }

        @Test
        void anUnknownKey() {
            String yaml = TestMappings.VALID.replace("  object: Account", "  objekt: Account");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining("m.yaml line 6: salesforce.objekt is not a known key")
                    .hasMessageContaining("salesforce is missing required key 'object'");
        }

        @Test
        void anUnknownTable() {
            String yaml = TestMappings.VALID.replace("table: partner_account", "table: partners");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining(
                            "m.yaml line 3: prm.table names table 'partners', which the PRM store does not have");
        }

        @Test
        void aFieldThatIsNotASalesforceApiName() {
            String yaml = TestMappings.VALID.replace("salesforce: Name,", "salesforce: \"Name; DELETE\",");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining(
                            "m.yaml line 11: fields.name.salesforce 'Name; DELETE' is not a Salesforce field API name");
        }

        @Test
        void aColumnTheSyncMaintains() {
            String yaml = TestMappings.VALID.replace("  name: {", "  updated_at: {");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining("column 'updated_at' is maintained by prm-sync and cannot be mapped");
        }

        @Test
        void malformedYaml() {
            String yaml = TestMappings.VALID.replace("  key: partner_id", "  key: [partner_id");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageStartingWith("m.yaml line ")
                    .hasMessageContaining("is not valid YAML");
        }

        @Test
        void everyProblemAtOnce() {
            String yaml = TestMappings.VALID
                    .replace("owner: latest-wins", "owner: whoever")
                    .replace("  website: {", "  web_site: {");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .isInstanceOfSatisfying(
                            ConfigInvalidException.class,
                            e -> assertThat(e.problems()).hasSize(2));
        }
    }
}
