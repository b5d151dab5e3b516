package io.prmsync.mapping;

import java.util.Map;
import java.util.Optional;

/** A small partner-account mapping and schema that unit tests share. */
public final class TestMappings {

    public static final ColumnCatalog CATALOG = new ColumnCatalog() {
        private final Map<String, ValueType> columns = Map.of(
                "partner_id",
                ValueType.TEXT,
                "name",
                ValueType.TEXT,
                "website",
                ValueType.TEXT,
                "annual_revenue",
                ValueType.DECIMAL,
                "description",
                ValueType.TEXT,
                "updated_at",
                ValueType.TIMESTAMP);

        @Override
        public boolean hasTable(String table) {
            return table.equals("partner_account");
        }

        @Override
        public boolean isRequired(String table, String column) {
            return column.equals("name");
        }

        @Override
        public Optional<ValueType> columnType(String table, String column) {
            return hasTable(table) ? Optional.ofNullable(columns.get(column)) : Optional.empty();
        }
    };

    public static final String VALID = """
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

    private TestMappings() {}

    public static EntityMapping partnerAccounts() {
        return new MappingLoader(CATALOG).parse(VALID, "partner-accounts.yaml");
    }
}
