package io.prmsync.sandbox;

import static io.prmsync.sandbox.FieldType.BOOLEAN;
import static io.prmsync.sandbox.FieldType.CURRENCY;
import static io.prmsync.sandbox.FieldType.DATE;
import static io.prmsync.sandbox.FieldType.DATETIME;
import static io.prmsync.sandbox.FieldType.DOUBLE;
import static io.prmsync.sandbox.FieldType.EMAIL;
import static io.prmsync.sandbox.FieldType.ID;
import static io.prmsync.sandbox.FieldType.INT;
import static io.prmsync.sandbox.FieldType.PHONE;
import static io.prmsync.sandbox.FieldType.PICKLIST;
import static io.prmsync.sandbox.FieldType.STRING;
import static io.prmsync.sandbox.FieldType.TEXTAREA;
import static io.prmsync.sandbox.FieldType.URL;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The simulated org's data model: the standard PRM objects plus the custom fields prm-sync relies on. */
final class Schema {

    static final String USER_KEY_PREFIX = "005";

    private final Map<String, ObjectDef> objects = new LinkedHashMap<>();

    private Schema() {
        add(
                "Account",
                "001",
                noDerivation(),
                FieldDef.of("Name", STRING).mandatory(),
                FieldDef.of("IsPartner", BOOLEAN).defaultingTo(false),
                FieldDef.of("PRM_Partner_Id__c", STRING).externalKey(true),
                FieldDef.of("Website", URL),
                FieldDef.of("Phone", PHONE),
                FieldDef.of("Industry", PICKLIST),
                // Lengths as a Salesforce org has them; a longer value is refused with STRING_TOO_LONG.
                FieldDef.of("BillingStreet", STRING),
                FieldDef.of("BillingCity", STRING).holding(40),
                FieldDef.of("BillingPostalCode", STRING).holding(20),
                FieldDef.of("BillingCountry", STRING).holding(80),
                FieldDef.of("AnnualRevenue", CURRENCY),
                FieldDef.of("NumberOfEmployees", INT),
                // The program's tiers, as an admin sets the picklist up (codes, and the labels older records carry):
                // another value is refused.
                FieldDef.of("Partner_Tier__c", PICKLIST)
                        .restrictedTo(
                                "REGISTERED", "SILVER", "GOLD", "PLATINUM", "Registered", "Silver", "Gold", "Platinum"),
                FieldDef.of("Partner_Tier_Override__c", PICKLIST),
                FieldDef.of("Partner_Tier_Override_Expires__c", DATE),
                // The partner's engagement, decided by prm-sync's engagement rules: the stage picklist lists the
                // stage codes only, as the package defines it.
                FieldDef.of("Partner_Stage__c", PICKLIST)
                        .restrictedTo("PERCEPTION", "READINESS", "ACTIVATE", "COLLABORATION", "TRUST"),
                FieldDef.of("Partner_Stalled__c", BOOLEAN).defaultingTo(false),
                FieldDef.of("Partner_Signals__c", TEXTAREA).holding(32_768),
                FieldDef.of("Partner_Churn_Risk__c", DOUBLE).digits(3, 0),
                FieldDef.of("Partner_Activity_Points__c", DOUBLE).digits(10, 0),
                FieldDef.of("Partner_Next_Action__c", STRING),
                // What the partner's customers say (a survey tool writes it): 0.00-5.00, read by the rules.
                FieldDef.of("Partner_Satisfaction__c", DOUBLE).digits(3, 2),
                FieldDef.of("Description", TEXTAREA).holding(32_000));
        add(
                "Lead",
                "00Q",
                noDerivation(),
                FieldDef.of("LastName", STRING).holding(80).mandatory(),
                FieldDef.of("FirstName", STRING).holding(40),
                FieldDef.of("Company", STRING).mandatory(),
                FieldDef.of("Email", EMAIL),
                FieldDef.of("Status", PICKLIST).defaultingTo("Open - Not Contacted"),
                FieldDef.of("RecordTypeId", ID).references("RecordType"),
                FieldDef.of("PartnerAccountId", ID).references("Account"),
                FieldDef.of("PRM_Deal_Id__c", STRING).externalKey(true),
                FieldDef.of("Deal_Amount__c", CURRENCY),
                FieldDef.of("CurrencyIsoCode", PICKLIST),
                FieldDef.of("Expected_Close_Date__c", DATE),
                FieldDef.of("New_Customer__c", BOOLEAN).defaultingTo(false),
                FieldDef.of("Registration_Status__c", PICKLIST),
                FieldDef.of("Rejection_Reason__c", STRING),
                FieldDef.of("IsConverted", BOOLEAN).defaultingTo(false).readOnly(),
                FieldDef.of("ConvertedOpportunityId", ID)
                        .references("Opportunity")
                        .readOnly(),
                FieldDef.of("ConvertedAccountId", ID).references("Account").readOnly());
        add(
                "Opportunity",
                "006",
                Schema::deriveOpportunityFlags,
                FieldDef.of("Name", STRING).holding(120).mandatory(),
                FieldDef.of("StageName", PICKLIST).mandatory(),
                FieldDef.of("CloseDate", DATE).mandatory(),
                FieldDef.of("Amount", CURRENCY),
                FieldDef.of("CurrencyIsoCode", PICKLIST),
                FieldDef.of("AccountId", ID).references("Account"),
                FieldDef.of("PartnerAccountId", ID).references("Account"),
                FieldDef.of("IsWon", BOOLEAN).defaultingTo(false).readOnly(),
                FieldDef.of("IsClosed", BOOLEAN).defaultingTo(false).readOnly(),
                // External ids are not unique unless an admin ticks the box; this one is left unticked on purpose.
                FieldDef.of("PRM_Deal_Id__c", STRING).externalKey(false),
                FieldDef.of("New_Customer__c", BOOLEAN).defaultingTo(false));
        add(
                "Partner_Certification__c",
                "a00",
                noDerivation(),
                FieldDef.of("Name", STRING).holding(80),
                FieldDef.of("Account__c", ID).references("Account").mandatory(),
                FieldDef.of("PRM_Certification_Id__c", STRING).externalKey(true),
                FieldDef.of("Code__c", STRING),
                FieldDef.of("Holder_Name__c", STRING),
                FieldDef.of("Holder_Email__c", EMAIL),
                FieldDef.of("Issued_Date__c", DATE),
                FieldDef.of("Expires_Date__c", DATE),
                FieldDef.of("Status__c", PICKLIST));
        // What a channel manager logs for a partner (co-selling, a joint call, an event) and what the portal
        // logged (training, feedback); a withdrawn activity earns nothing.
        add(
                "Partner_Activity__c",
                "a01",
                noDerivation(),
                FieldDef.of("Name", STRING).holding(80),
                FieldDef.of("Account__c", ID).references("Account").mandatory(),
                FieldDef.of("PRM_Activity_Id__c", STRING).externalKey(true),
                FieldDef.of("Kind__c", PICKLIST).mandatory(),
                FieldDef.of("Occurred_At__c", DATETIME).mandatory(),
                FieldDef.of("Details__c", TEXTAREA).holding(4_000),
                FieldDef.of("Withdrawn__c", BOOLEAN).defaultingTo(false));
        add(
                "ChannelProgram",
                "0Cf",
                noDerivation(),
                FieldDef.of("Name", STRING).mandatory(),
                FieldDef.of("IsActive", BOOLEAN).defaultingTo(true));
        add(
                "ChannelProgramLevel",
                "0Cg",
                noDerivation(),
                FieldDef.of("Name", STRING).mandatory(),
                FieldDef.of("ProgramId", ID).references("ChannelProgram").mandatory(),
                FieldDef.of("Rank", INT),
                FieldDef.of("PRM_Tier_Code__c", STRING).externalKey(true));
        add(
                "ChannelProgramMember",
                "0Ch",
                noDerivation(),
                FieldDef.of("PartnerId", ID).references("Account").mandatory(),
                FieldDef.of("ProgramId", ID).references("ChannelProgram").mandatory(),
                FieldDef.of("LevelId", ID).references("ChannelProgramLevel"),
                // prm-sync's key for the membership: the partner's PRM id.
                FieldDef.of("PRM_Partner_Id__c", STRING).externalKey(true));
        // The org itself: one record, read only, whose Id is the organization id.
        add(
                "Organization",
                "00D",
                noDerivation(),
                FieldDef.of("Name", STRING).readOnly(),
                FieldDef.of("OrganizationType", STRING).readOnly(),
                FieldDef.of("IsSandbox", BOOLEAN).readOnly());
        add(
                "RecordType",
                "012",
                noDerivation(),
                FieldDef.of("Name", STRING).holding(80).mandatory(),
                FieldDef.of("DeveloperName", STRING).holding(80).mandatory(),
                FieldDef.of("SobjectType", PICKLIST).mandatory(),
                FieldDef.of("IsActive", BOOLEAN).defaultingTo(true));
    }

    /** A schema of its own for each org: what one org hides from its integration user, another still shows. */
    static Schema standard() {
        return new Schema();
    }

    Optional<ObjectDef> object(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(objects.get(name.toLowerCase(Locale.ROOT)));
    }

    Optional<ObjectDef> objectForId(String id) {
        String prefix = id.substring(0, 3);
        return objects.values().stream()
                .filter(o -> o.keyPrefix().equals(prefix))
                .findFirst();
    }

    List<ObjectDef> objects() {
        return List.copyOf(objects.values());
    }

    private void add(String name, String keyPrefix, Consumer<Map<String, Object>> derivation, FieldDef... own) {
        List<FieldDef> fields = new ArrayList<>();
        fields.add(FieldDef.systemField("Id", ID));
        fields.add(FieldDef.systemField("IsDeleted", BOOLEAN));
        fields.addAll(Arrays.asList(own));
        if (!name.equals("RecordType") && !name.equals("ChannelProgramMember")) {
            fields.add(FieldDef.of("OwnerId", ID).references("User"));
        }
        fields.add(FieldDef.systemField("CreatedDate", DATETIME));
        fields.add(FieldDef.systemField("CreatedById", ID));
        fields.add(FieldDef.systemField("LastModifiedDate", DATETIME));
        fields.add(FieldDef.systemField("LastModifiedById", ID));
        fields.add(FieldDef.systemField("SystemModstamp", DATETIME));
        objects.put(name.toLowerCase(Locale.ROOT), new ObjectDef(name, keyPrefix, fields, derivation));
    }

    private static Consumer<Map<String, Object>> noDerivation() {
        return values -> {};
    }

    private static void deriveOpportunityFlags(Map<String, Object> values) {
        String stage = (String) values.get("StageName");
        values.put("IsWon", "Closed Won".equalsIgnoreCase(stage));
        values.put("IsClosed", "Closed Won".equalsIgnoreCase(stage) || "Closed Lost".equalsIgnoreCase(stage));
    }
}
