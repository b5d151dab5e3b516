package io.prmsync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The partner side of {@link SampleProgram}: accounts, deal registrations, opportunities, certifications and
 * activities, each created on the day it happened (the org's clock set back while it is inserted), so join dates,
 * registration dates and the time since them vary as in a program that has run for years.
 */
final class SamplePartners {

    private static final List<String> PREFIXES = List.of(
            "Northwind",
            "Bluepeak",
            "Cedar",
            "Ironbridge",
            "Lumen",
            "Harbor",
            "Summit",
            "Quantix",
            "Veridian",
            "Oakline",
            "Brightwave",
            "Silverline",
            "Redstone",
            "Nimbus",
            "Kestrel",
            "Polaris",
            "Granite",
            "Meridian",
            "Atlas",
            "Copperleaf",
            "Fjord",
            "Sierra");
    private static final List<String> SUFFIXES =
            List.of("Systems", "Consulting", "Solutions", "Partners", "Digital", "Group", "Technologies", "Advisory");
    private static final List<String[]> PLACES = List.of(
            new String[] {"Berlin", "Germany", "10115", "EUR"},
            new String[] {"Munich", "Germany", "80331", "EUR"},
            new String[] {"Paris", "France", "75001", "EUR"},
            new String[] {"Lyon", "France", "69001", "EUR"},
            new String[] {"London", "United Kingdom", "EC1A 1BB", "GBP"},
            new String[] {"Manchester", "United Kingdom", "M1 1AE", "GBP"},
            new String[] {"Amsterdam", "Netherlands", "1012 JS", "EUR"},
            new String[] {"Madrid", "Spain", "28001", "EUR"},
            new String[] {"Milan", "Italy", "20121", "EUR"},
            new String[] {"Stockholm", "Sweden", "111 20", "EUR"},
            new String[] {"Warsaw", "Poland", "00-001", "EUR"},
            new String[] {"Dublin", "Ireland", "D02 X285", "EUR"},
            new String[] {"New York", "United States", "10001", "USD"},
            new String[] {"Austin", "United States", "73301", "USD"},
            new String[] {"Toronto", "Canada", "M5H 2N2", "USD"},
            new String[] {"Singapore", "Singapore", "018956", "USD"});
    private static final List<String> INDUSTRIES = List.of(
            "Technology",
            "Consulting",
            "Manufacturing",
            "Financial Services",
            "Healthcare",
            "Retail",
            "Telecommunications",
            "Energy");

    private static final List<String> CUSTOMERS = List.of(
            "Alpenhaus Retail GmbH",
            "Brightline Logistics Ltd",
            "Castell Insurance SA",
            "Dunmore Health Trust",
            "Everfield Foods BV",
            "Fairmont Grid Energy",
            "Glenwood Bank plc",
            "Hollis Manufacturing Inc");
    private static final List<String> FIRST_NAMES = List.of(
            "Anna", "Ben", "Clara", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Keiko", "Liam",
            "Maya", "Noah", "Olga", "Pablo");
    private static final List<String> LAST_NAMES = List.of(
            "Schmidt",
            "Dubois",
            "Rossi",
            "Novak",
            "Jensen",
            "Garcia",
            "Kowalski",
            "Murphy",
            "Tanaka",
            "Lindqvist",
            "Okafor",
            "Silva",
            "Weber",
            "Brown");
    private static final List<String[]> USD_PLACES =
            PLACES.stream().filter(place -> place[3].equals("USD")).toList();
    private static final Map<String, String> ACTIVITY_NAMES = Map.of(
            "co-sell", "Joint customer call",
            "event-attended", "Partner summit",
            "onboarding-completed", "Onboarding course finished",
            "training-completed", "Technical training finished");

    private final SimulatedOrg org;
    private final Random random;
    private final String dealRecordType;
    private final Clock clock;
    private final LocalDate today;
    private final List<String> awaitingDecision = new java.util.ArrayList<>();
    private final Map<String, String> customerIds = new HashMap<>();
    private final Map<String, String> currencyByPartner = new HashMap<>();
    private int partnerNumber;
    private int dealNumber;
    private int certificationNumber;

    SamplePartners(SimulatedOrg org, Random random, String dealRecordType) {
        this.org = org;
        this.random = random;
        this.dealRecordType = dealRecordType;
        this.clock = org.clock();
        this.today = LocalDate.now(clock);
    }

    List<String> customers() {
        for (String name : CUSTOMERS) {
            customerIds.put(
                    name,
                    org.insert(
                            "Account",
                            Map.of(
                                    "Name",
                                    name,
                                    "IsPartner",
                                    false,
                                    "Industry",
                                    pick(INDUSTRIES),
                                    "NumberOfEmployees",
                                    200 + random.nextInt(20_000))));
        }
        return CUSTOMERS.stream().map(customerIds::get).toList();
    }

    /** A partner of {@code archetype}: its account, then what it did, each record created on the day it happened. */
    String partner(int index, SampleArchetype archetype) {
        String name = PREFIXES.get(index % PREFIXES.size()) + " "
                + SUFFIXES.get((index * 3 + index / PREFIXES.size()) % SUFFIXES.size());
        String[] place = archetype.earnsRevenue()
                ? USD_PLACES.get(random.nextInt(USD_PLACES.size()))
                : PLACES.get(random.nextInt(PLACES.size()));
        Map<String, Object> fields = new HashMap<>(Map.of(
                "Name",
                name,
                "IsPartner",
                true,
                "Industry",
                pick(INDUSTRIES),
                "BillingCity",
                place[0],
                "BillingCountry",
                place[1],
                "BillingPostalCode",
                place[2],
                "Partner_Tier__c",
                archetype.tier(),
                "Partner_Stage__c",
                archetype.stage()));
        fields.put("BillingStreet", (1 + random.nextInt(200)) + " " + pick(LAST_NAMES) + " Street");
        fields.put("Website", "https://www." + name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example");
        fields.put("Phone", "+" + (10 + random.nextInt(89)) + " " + (100_000_000 + random.nextInt(899_999_999)));
        fields.put("AnnualRevenue", (double) (500_000 + random.nextInt(200) * 250_000));
        fields.put("NumberOfEmployees", 10 + random.nextInt(4_990));
        archetype.satisfaction().ifPresent(score -> fields.put("Partner_Satisfaction__c", score));
        if (index % 2 == 0) {
            fields.put("PRM_Partner_Id__c", String.format("P-%04d", ++partnerNumber));
        }
        if (index % 11 == 5) {
            fields.put("Partner_Tier_Override__c", "Gold");
            fields.put("Partner_Tier_Override_Expires__c", today.plusDays(30 + random.nextInt(120)));
        }
        String id = on(archetype.joinedDaysAgo(), () -> org.insert("Account", fields));
        currencyByPartner.put(id, place[3]);
        return id;
    }

    /** What the archetype did: certifications, activities, deal registrations and their outcomes. */
    void history(String partnerId, SampleArchetype archetype, boolean knownToPrm) {
        for (SampleArchetype.Certification certification : archetype.certifications()) {
            certification(partnerId, certification.code(), certification.issuedDaysAgo());
        }
        for (SampleArchetype.Activity activity : archetype.activities()) {
            activity(partnerId, activity.kind(), activity.daysAgo());
        }
        for (SampleArchetype.Registration registration : archetype.registrations()) {
            String leadId = dealRegistration(partnerId, registration, knownToPrm);
            if (registration.awaitsChannelManager()) {
                awaitingDecision.add(leadId);
            }
        }
    }

    /** The registrations a channel manager decides once the service has seen them waiting. */
    List<String> awaitingDecision() {
        return List.copyOf(awaitingDecision);
    }

    /** Restores the org's own clock after seeding records on the days they happened. */
    void done() {
        org.useClock(clock);
    }

    private String dealRegistration(String partnerId, SampleArchetype.Registration registration, boolean knownToPrm) {
        String customer = CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
        String first = pick(FIRST_NAMES);
        String last = pick(LAST_NAMES);
        String status = registration.status();
        Map<String, Object> lead = new HashMap<>(Map.of(
                "FirstName",
                first,
                "LastName",
                last,
                "Company",
                customer,
                "RecordTypeId",
                dealRecordType,
                "PartnerAccountId",
                partnerId,
                "Registration_Status__c",
                status,
                "CurrencyIsoCode",
                currencyByPartner.get(partnerId),
                "New_Customer__c",
                registration.newCustomer()));
        lead.put("Email", (first + "." + last + "@" + customer.split(" ")[0] + ".example").toLowerCase(Locale.ROOT));
        lead.put("Deal_Amount__c", (double) registration.amount());
        LocalDate registered = today.minusDays(registration.daysAgo());
        lead.put(
                "Expected_Close_Date__c",
                registration.closedDaysAgo() >= 0
                        ? today.minusDays(registration.closedDaysAgo())
                        : registered.plusDays(60 + random.nextInt(90)));
        boolean converted = registration.stage() != null;
        // A converted registration went through the service before its conversion, which copied the key it had
        // been given to the Opportunity (deal outcomes are found by it).
        if (converted || (knownToPrm && random.nextInt(4) > 0)) {
            lead.put("PRM_Deal_Id__c", String.format("D-%05d", ++dealNumber));
        }
        lead.put(
                "Status",
                switch (status) {
                    case "Submitted" -> "Open - Not Contacted";
                    case "Rejected" -> "Closed - Not Converted";
                    default -> converted ? "Closed - Converted" : "Working - Contacted";
                });
        if (status.equals("Rejected")) {
            lead.put(
                    "Rejection_Reason__c",
                    random.nextBoolean()
                            ? "Opportunity already registered by another partner"
                            : "Insufficient deal information");
        }
        if (converted) {
            convert(lead, customerIds.get(customer), registration);
        }
        return on(registration.daysAgo(), () -> org.insert("Lead", lead));
    }

    private void certification(String partnerId, String code, int issuedDaysAgo) {
        String holder = pick(FIRST_NAMES) + " " + pick(LAST_NAMES);
        LocalDate issued = today.minusDays(issuedDaysAgo);
        LocalDate expires = issued.plusYears(2);
        Map<String, Object> fields = Map.of(
                "Name",
                code + " " + holder,
                "Account__c",
                partnerId,
                "PRM_Certification_Id__c",
                String.format("C-%05d", ++certificationNumber),
                "Code__c",
                code,
                "Holder_Name__c",
                holder,
                "Holder_Email__c",
                holder.toLowerCase(Locale.ROOT).replace(' ', '.') + "@partner.example",
                "Issued_Date__c",
                issued,
                "Expires_Date__c",
                expires,
                "Status__c",
                expires.isBefore(today) ? "Expired" : "Active");
        on(issuedDaysAgo, () -> org.insert("Partner_Certification__c", fields));
    }

    /** Logged by the partner's channel manager in Salesforce. */
    private void activity(String partnerId, String kind, int daysAgo) {
        Map<String, Object> fields = Map.of(
                "Name",
                ACTIVITY_NAMES.getOrDefault(kind, kind),
                "Account__c",
                partnerId,
                "Kind__c",
                kind,
                "Occurred_At__c",
                at(daysAgo),
                "Details__c",
                ACTIVITY_NAMES.getOrDefault(kind, kind) + " with " + pick(CUSTOMERS));
        on(daysAgo, () -> org.insert("Partner_Activity__c", fields));
    }

    /** Creates a record as of {@code daysAgo} days before today (now for today): its CreatedDate and stamps. */
    private String on(int daysAgo, java.util.function.Supplier<String> insert) {
        org.useClock(Clock.fixed(at(daysAgo), ZoneOffset.UTC));
        try {
            return insert.get();
        } finally {
            org.useClock(clock);
        }
    }

    private Instant at(int daysAgo) {
        Instant now = clock.instant();
        return daysAgo <= 0 ? now : now.minus(java.time.Duration.ofDays(daysAgo));
    }

    /** Stands in for Salesforce's lead conversion, which sets fields the API may not write. */
    private void convert(Map<String, Object> lead, String customerId, SampleArchetype.Registration registration) {
        LocalDate closes = (LocalDate) lead.get("Expected_Close_Date__c");
        Map<String, Object> opportunity = new HashMap<>(Map.of(
                "Name",
                lead.get("Company") + " - partner deal",
                "StageName",
                registration.stage(),
                "CloseDate",
                closes,
                "Amount",
                lead.get("Deal_Amount__c"),
                "CurrencyIsoCode",
                lead.get("CurrencyIsoCode"),
                "AccountId",
                customerId,
                "PartnerAccountId",
                lead.get("PartnerAccountId"),
                "New_Customer__c",
                lead.get("New_Customer__c")));
        if (lead.containsKey("PRM_Deal_Id__c")) {
            opportunity.put("PRM_Deal_Id__c", lead.get("PRM_Deal_Id__c"));
        }
        lead.put("IsConverted", true);
        lead.put("ConvertedAccountId", customerId);
        int convertedDaysAgo = Math.max(0, registration.daysAgo() - 7);
        lead.put("ConvertedOpportunityId", on(convertedDaysAgo, () -> org.insert("Opportunity", opportunity)));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
