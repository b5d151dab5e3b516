package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleProgramTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void seedsTheProgramLevelsAndDealRegistrationRecordType() {
        SimulatedOrg org = seededOrg();

        assertThat(org.records("ChannelProgram"))
                .singleElement()
                .satisfies(p -> assertThat(p).containsEntry("Name", "Partner Program"));
        assertThat(org.records("ChannelProgramLevel"))
                .extracting(l -> l.get("PRM_Tier_Code__c"))
                .containsExactly("REGISTERED", "SILVER", "GOLD", "PLATINUM");
        assertThat(org.findByField("RecordType", "DeveloperName", "Deal_Registration"))
                .singleElement()
                .satisfies(rt -> assertThat(rt).containsEntry("SobjectType", "Lead"));
    }

    @Test
    void halfThePartnersAreKnownToThePrmStoreAndEachIsAProgramMember() {
        SimulatedOrg org = seededOrg();
        List<Map<String, Object>> partners = org.findByField("Account", "IsPartner", true);

        assertThat(partners).hasSizeGreaterThanOrEqualTo(40);
        assertThat(partners.stream()
                        .filter(p -> p.get("PRM_Partner_Id__c") != null)
                        .count())
                .isEqualTo(partners.size() / 2);
        assertThat(partners).extracting(p -> p.get("BillingCountry")).doesNotContainNull();
        assertThat(org.count("ChannelProgramMember")).isEqualTo(partners.size());
        assertThat(org.findByField("Account", "IsPartner", false)).hasSizeBetween(3, 10);
    }

    @Test
    void dealRegistrationsIncludeConvertedWonAndRejectedOnes() {
        SimulatedOrg org = seededOrg();
        List<Map<String, Object>> leads = org.records("Lead");
        List<Map<String, Object>> converted =
                leads.stream().filter(l -> (Boolean) l.get("IsConverted")).toList();

        assertThat(leads).hasSizeGreaterThan(44);
        assertThat(converted)
                .isNotEmpty()
                .allSatisfy(lead -> assertThat(org.findById((String) lead.get("ConvertedOpportunityId")))
                        .isPresent());
        assertThat(leads).anySatisfy(l -> assertThat(l).containsEntry("Registration_Status__c", "Rejected"));
        assertThat(org.records("Opportunity"))
                .anySatisfy(o -> assertThat(o).containsEntry("IsWon", true).containsEntry("New_Customer__c", true));
    }

    @Test
    void someCertificationsHaveExpired() {
        SimulatedOrg org = seededOrg();
        LocalDate today = LocalDate.now(CLOCK);

        List<Map<String, Object>> certifications = org.records("Partner_Certification__c");

        assertThat(certifications)
                .anySatisfy(
                        c -> assertThat((LocalDate) c.get("Expires_Date__c")).isBefore(today));
        assertThat(certifications)
                .anySatisfy(
                        c -> assertThat((LocalDate) c.get("Expires_Date__c")).isAfter(today));
    }

    @Test
    void seedingIsDeterministic() {
        SimulatedOrg first = seededOrg();
        SimulatedOrg second = seededOrg();

        assertThat(second.records("Lead")).isEqualTo(first.records("Lead"));
        assertThat(second.records("Account")).isEqualTo(first.records("Account"));
    }

    @Test
    void eachRecordIsCreatedOnTheDayItHappenedAndTheOrgsClockIsGivenBack() {
        SimulatedOrg org = new SimulatedOrg(100_000);
        org.useClock(CLOCK);
        SampleProgram.Seeded seeded = SampleProgram.seed(org);

        assertThat(org.clock()).isEqualTo(CLOCK);
        List<LocalDate> joined = org.findByField("Account", "IsPartner", true).stream()
                .map(p -> LocalDate.ofInstant((Instant) p.get("CreatedDate"), ZoneOffset.UTC))
                .distinct()
                .toList();
        assertThat(joined)
                .as("partners joined on different days, up to three years back")
                .hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(day -> assertThat(day).isBetween(LocalDate.of(2022, 1, 1), LocalDate.of(2025, 3, 1)));
        assertThat(org.records("Lead"))
                .allSatisfy(
                        lead -> assertThat((Instant) lead.get("CreatedDate")).isBeforeOrEqualTo(CLOCK.instant()))
                .anySatisfy(lead -> assertThat((Instant) lead.get("CreatedDate"))
                        .isBefore(CLOCK.instant().minusSeconds(200L * 86_400)));
        assertThat(org.records("Partner_Activity__c"))
                .extracting(a -> a.get("Kind__c"))
                .contains("co-sell", "event-attended", "onboarding-completed");
        assertThat(seeded.registrationsAwaitingDecision())
                .isNotEmpty()
                .allSatisfy(id -> assertThat(org.findById(id).orElseThrow())
                        .containsEntry("Registration_Status__c", "Submitted"));
    }

    private static SimulatedOrg seededOrg() {
        SimulatedOrg org = new SimulatedOrg(100_000);
        org.useClock(CLOCK);
        SampleProgram.seed(org);
        return org;
    }
}
