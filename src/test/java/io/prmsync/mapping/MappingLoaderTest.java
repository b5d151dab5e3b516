package io.prmsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.yaml.ConfigInvalidException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MappingLoaderTest {

    static final ColumnCatalog CATALOG = new ColumnCatalog() {
        private final Map<String, ValueType> columns = Map.of("partner_id", ValueType.TEXT, "name", ValueType.TEXT,
                "website", ValueType.TEXT, "annual_revenue", ValueType.DECIMAL, "updated_at", ValueType.TIMESTAMP);

        @Override
        public boolean hasTable(String table) {
            return table.equals("partner_account");
        }

        @Override
        public Optional<ValueType> columnType(String table, String column) {
            return hasTable(table) ? Optional.ofNullable(columns.get(column)) : Optional.empty();
        }
    };

    static final String VALID = """
            entity: partner-account
            prm:
              table: partner_account
              key: partner_id
            salesforce:
              object: Account
              external-id: PRM_Partner_Id__c
              record-filter:
                IsPartner: true
            fields:
              name: { salesforce: Name, owner: salesforce }
              website: { salesforce: Website, owner: latest-wins }
              annual_revenue: { salesforce: AnnualRevenue, owner: prm }
            deletes:
              from-salesforce: soft-delete
              from-prm: deactivate
              deactivate-with:
                IsPartner: false
            """;

    private final MappingLoader loader = new MappingLoader(CATALOG);

    @Test
    void readsAValidMappingWithTypesFromTheSchema() {
        EntityMapping mapping = loader.parse(VALID, "partner-accounts.yaml");

        assertThat(mapping.sObject()).isEqualTo("Account");
        assertThat(mapping.recordFilter()).containsEntry("IsPartner", true);
        assertThat(mapping.fields()).extracting(FieldMapping::prmColumn).containsExactly("name", "website", "annual_revenue");
        assertThat(mapping.field("annual_revenue")).get().extracting(FieldMapping::type).isEqualTo(ValueType.DECIMAL);
        assertThat(mapping.inboundFields()).extracting(FieldMapping::prmColumn).containsExactly("name", "website");
        assertThat(mapping.outboundFields()).extracting(FieldMapping::prmColumn).containsExactly("website", "annual_revenue");
        assertThat(mapping.deletes().deactivateWith()).containsEntry("IsPartner", false);
    }

    @Test
    void theShippedPartnerAccountMappingIsValidAgainstItsOwnKeys() {
        EntityMapping mapping = new MappingLoader(new ColumnCatalog() {
            @Override
            public boolean hasTable(String table) {
                return true;
            }

            @Override
            public Optional<ValueType> columnType(String table, String column) {
                return Optional.of(ValueType.TEXT);
            }
        }).load(Path.of("config/mappings/partner-accounts.yaml"));

        assertThat(mapping.entity()).isEqualTo("partner-account");
        assertThat(mapping.externalIdField()).isEqualTo("PRM_Partner_Id__c");
    }

    @Nested
    class RefusesWithFileLineAndKey {

        @Test
        void anUnknownColumn() {
            String yaml = VALID.replace("  website: {", "  web_site: {");

            assertThatThrownBy(() -> loader.parse(yaml, "partner-accounts.yaml"))
                    .isInstanceOf(ConfigInvalidException.class)
                    .hasMessageContaining("partner-accounts.yaml line 13: fields.web_site is not a column of table 'partner_account'");
        }

        @Test
        void anUnknownOwner() {
            String yaml = VALID.replace("owner: latest-wins", "owner: whoever");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining("m.yaml line 13: fields.website.owner must be one of [latest-wins, prm, salesforce], not 'whoever'");
        }

        @Test
        void anUnknownKey() {
            String yaml = VALID.replace("  object: Account", "  objekt: Account");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining("m.yaml line 7: salesforce.objekt is not a known key")
                    .hasMessageContaining("salesforce is missing required key 'object'");
        }

        @Test
        void anUnknownTable() {
            String yaml = VALID.replace("table: partner_account", "table: partners");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining("m.yaml line 3: prm.table names table 'partners', which the PRM store does not have");
        }

        @Test
        void aFieldThatIsNotASalesforceApiName() {
            String yaml = VALID.replace("salesforce: Name,", "salesforce: \"Name; DELETE\",");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining("m.yaml line 12: fields.name.salesforce 'Name; DELETE' is not a Salesforce field API name");
        }

        @Test
        void aColumnTheSyncMaintains() {
            String yaml = VALID.replace("  name: {", "  updated_at: {");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageContaining("column 'updated_at' is maintained by prm-sync and cannot be mapped");
        }

        @Test
        void malformedYaml() {
            String yaml = VALID.replace("  key: partner_id", "  key: [partner_id");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .hasMessageStartingWith("m.yaml line ")
                    .hasMessageContaining("is not valid YAML");
        }

        @Test
        void everyProblemAtOnce() {
            String yaml = VALID.replace("owner: latest-wins", "owner: whoever").replace("  website: {", "  web_site: {");

            assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                    .isInstanceOfSatisfying(ConfigInvalidException.class,
                            e -> assertThat(e.problems()).hasSize(2));
        }
    }
}
