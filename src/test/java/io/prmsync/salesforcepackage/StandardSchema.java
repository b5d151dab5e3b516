package io.prmsync.salesforcepackage;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The standard objects and fields the mappings rely on, which every org the package is meant for has (Salesforce
 * PRM enabled for the partner objects, multi-currency for CurrencyIsoCode) and which the package therefore does not
 * define. Kept short and explicit on purpose: a mapping naming any other standard field fails the check until it is
 * added here, with a thought about its field-level security.
 *
 * <p>For each field: the name a permission set uses for its field-level security, or none when field-level security
 * does not apply to it (required fields such as Name and LastName, fields only the platform sets such as IsWon and
 * ConvertedOpportunityId, CurrencyIsoCode, IsPartner): those are visible with the object, and a permission set
 * listing them does not deploy. The billing address parts share the compound field's security (BillingAddress).
 */
final class StandardSchema {

    /** On every object: what the service's queries select and filter on besides mapped fields. */
    private static final Set<String> SYSTEM_FIELDS = Set.of("Id", "IsDeleted", "SystemModstamp", "LastModifiedDate");

    private static final String NONE = "";

    private static final Map<String, Map<String, String>> OBJECTS = Map.of(
            "Account",
            Map.ofEntries(
                    Map.entry("Name", NONE),
                    Map.entry("IsPartner", NONE),
                    Map.entry("Industry", "Industry"),
                    Map.entry("AnnualRevenue", "AnnualRevenue"),
                    Map.entry("NumberOfEmployees", "NumberOfEmployees"),
                    Map.entry("BillingStreet", "BillingAddress"),
                    Map.entry("BillingCity", "BillingAddress"),
                    Map.entry("BillingPostalCode", "BillingAddress"),
                    Map.entry("BillingCountry", "BillingAddress"),
                    Map.entry("Website", "Website"),
                    Map.entry("Phone", "Phone"),
                    Map.entry("Description", "Description")),
            "Lead",
            Map.of(
                    "PartnerAccountId", "PartnerAccountId",
                    "Company", NONE,
                    "LastName", NONE,
                    "Email", "Email",
                    "CurrencyIsoCode", NONE,
                    "ConvertedOpportunityId", NONE,
                    "RecordTypeId", NONE),
            "Opportunity",
            Map.of("StageName", NONE, "CloseDate", NONE, "Amount", "Amount", "IsWon", NONE, "IsClosed", NONE),
            "ChannelProgram",
            Map.of("Name", NONE),
            "ChannelProgramLevel",
            Map.of("Name", NONE, "Rank", "Rank", "ProgramId", NONE),
            "ChannelProgramMember",
            Map.of("PartnerId", NONE, "ProgramId", NONE, "LevelId", "LevelId"));

    private StandardSchema() {}

    static boolean hasObject(String object) {
        return OBJECTS.containsKey(object);
    }

    static boolean hasField(String object, String field) {
        return SYSTEM_FIELDS.contains(field)
                || OBJECTS.getOrDefault(object, Map.of()).containsKey(field);
    }

    /** {@code Object.Field} as a permission set names the field's security; empty when none applies. */
    static Optional<String> permissionName(String object, String field) {
        String name = OBJECTS.getOrDefault(object, Map.of()).getOrDefault(field, NONE);
        return name.isEmpty() ? Optional.empty() : Optional.of(object + "." + name);
    }
}
