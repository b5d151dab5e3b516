package io.prmsync.sandbox;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** The partner side of {@link SampleProgram}: accounts, deal registrations, opportunities, certifications. */
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
    /** The engagement stages' codes, the values the restricted Partner_Stage__c picklist lists. */
    private static final List<String> STAGES = List.of("PERCEPTION", "READINESS", "ACTIVATE", "COLLABORATION", "TRUST");

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
    private static final List<String> OPEN_STAGES =
            List.of("Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review");
    private static final List<String> CERTIFICATIONS = List.of("SALES-101", "TECH-201", "ARCH-301", "SUPPORT-110");

    private final SimulatedOrg org;
    private final Random random;
    private final String dealRecordType;
    private final LocalDate today;
    private final Map<String, String> customerIds = new HashMap<>();
    private final Map<String, String> currencyByPartner = new HashMap<>();
    private int partnerNumber;
    private int dealNumber;
    private int certificationNumber;

    SamplePartners(SimulatedOrg org, Random random, String dealRecordType) {
        this.org = org;
        this.random = random;
        this.dealRecordType = dealRecordType;
        this.today = LocalDate.now(org.clock());
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

    /** 40 % Registered, 30 % Silver, 20 % Gold, 10 % Platinum. */
    int weightedTierIndex() {
        int roll = random.nextInt(10);
        return roll < 4 ? 0 : roll < 7 ? 1 : roll < 9 ? 2 : 3;
    }

    String partner(int index, String tier) {
        String name = PREFIXES.get(index % PREFIXES.size()) + " "
                + SUFFIXES.get((index * 3 + index / PREFIXES.size()) % SUFFIXES.size());
        String[] place = PLACES.get(random.nextInt(PLACES.size()));
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
                tier,
                "Partner_Stage__c",
                pick(STAGES)));
        fields.put("BillingStreet", (1 + random.nextInt(200)) + " " + pick(LAST_NAMES) + " Street");
        fields.put("Website", "https://www." + name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example");
        fields.put("Phone", "+" + (10 + random.nextInt(89)) + " " + (100_000_000 + random.nextInt(899_999_999)));
        fields.put("AnnualRevenue", (double) (500_000 + random.nextInt(200) * 250_000));
        fields.put("NumberOfEmployees", 10 + random.nextInt(4_990));
        if (index % 2 == 0) {
            fields.put("PRM_Partner_Id__c", String.format("P-%04d", ++partnerNumber));
        }
        if (index % 11 == 5) {
            fields.put("Partner_Tier_Override__c", "Gold");
            fields.put("Partner_Tier_Override_Expires__c", today.plusDays(30 + random.nextInt(120)));
        }
        String id = org.insert("Account", fields);
        currencyByPartner.put(id, place[3]);
        return id;
    }

    /** 1–4 registrations; approved ones are often converted, and converted deals are often won. */
    void dealRegistrations(String partnerId, boolean knownToPrm) {
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String customer = CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
            String first = pick(FIRST_NAMES);
            String last = pick(LAST_NAMES);
            int roll = random.nextInt(100);
            String registration = roll < 30 ? "Submitted" : roll < 85 ? "Approved" : "Rejected";
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
                    registration,
                    "CurrencyIsoCode",
                    currencyByPartner.get(partnerId),
                    "New_Customer__c",
                    random.nextBoolean()));
            lead.put(
                    "Email", (first + "." + last + "@" + customer.split(" ")[0] + ".example").toLowerCase(Locale.ROOT));
            lead.put("Deal_Amount__c", (double) (5_000 + random.nextInt(50) * 5_000));
            lead.put("Expected_Close_Date__c", today.plusDays(random.nextInt(270) - 90));
            if (knownToPrm && random.nextInt(4) > 0) {
                lead.put("PRM_Deal_Id__c", String.format("D-%05d", ++dealNumber));
            }
            boolean converted = registration.equals("Approved") && random.nextInt(10) < 6;
            lead.put(
                    "Status",
                    switch (registration) {
                        case "Submitted" -> "Open - Not Contacted";
                        case "Rejected" -> "Closed - Not Converted";
                        default -> converted ? "Closed - Converted" : "Working - Contacted";
                    });
            if (registration.equals("Rejected")) {
                lead.put(
                        "Rejection_Reason__c",
                        random.nextBoolean()
                                ? "Opportunity already registered by another partner"
                                : "Insufficient deal information");
            }
            if (converted) {
                convert(lead, customerIds.get(customer));
            }
            org.insert("Lead", lead);
        }
    }

    void certifications(String partnerId) {
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String code = pick(CERTIFICATIONS);
            String holder = pick(FIRST_NAMES) + " " + pick(LAST_NAMES);
            LocalDate issued = today.minusDays(30 + random.nextInt(900));
            LocalDate expires = issued.plusYears(2);
            org.insert(
                    "Partner_Certification__c",
                    Map.of(
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
                            expires.isBefore(today) ? "Expired" : "Active"));
        }
    }

    /** Stands in for Salesforce's lead conversion, which sets fields the API may not write. */
    private void convert(Map<String, Object> lead, String customerId) {
        boolean won = random.nextInt(100) < 40;
        boolean lost = !won && random.nextInt(100) < 20;
        String stage = won ? "Closed Won" : lost ? "Closed Lost" : pick(OPEN_STAGES);
        Map<String, Object> opportunity = new HashMap<>(Map.of(
                "Name",
                lead.get("Company") + " - partner deal",
                "StageName",
                stage,
                "CloseDate",
                lead.get("Expected_Close_Date__c"),
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
        lead.put("ConvertedOpportunityId", org.insert("Opportunity", opportunity));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
