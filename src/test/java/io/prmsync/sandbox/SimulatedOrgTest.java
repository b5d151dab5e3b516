package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedOrgTest {

    private final SimulatedOrg org = new SimulatedOrg(1_000);

    @Test
    void insertStampsTheRecordFromTheOrgClockToTheWholeSecondAndAppliesDefaults() {
        Instant now = Instant.parse("2024-05-01T10:15:30.987654Z");
        org.useClock(Clock.fixed(now, ZoneOffset.UTC));

        String id = org.insert("Lead", Map.of("LastName", "Ng", "Company", "Acme"));
        Map<String, Object> lead = org.findById(id).orElseThrow();

        assertThat(id).startsWith("00Q").hasSize(18);
        assertThat(lead)
                .containsEntry("CreatedDate", Instant.parse("2024-05-01T10:15:30Z"))
                .containsEntry("SystemModstamp", Instant.parse("2024-05-01T10:15:30Z"))
                .containsEntry("Status", "Open - Not Contacted")
                .containsEntry("IsConverted", false)
                .containsEntry("IsDeleted", false);
    }

    @Test
    void updateMovesTheModstampButKeepsTheCreatedDate() {
        org.useClock(Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC));
        String id = org.insert("Account", Map.of("Name", "A"));
        org.useClock(Clock.fixed(Instant.parse("2024-05-02T00:00:00Z"), ZoneOffset.UTC));

        org.update(id, Map.of("Phone", "123"));

        assertThat(org.findById(id).orElseThrow())
                .containsEntry("CreatedDate", Instant.parse("2024-05-01T00:00:00Z"))
                .containsEntry("SystemModstamp", Instant.parse("2024-05-02T00:00:00Z"));
    }

    @Test
    void deletedRecordsLeaveRecordsAndCountButStayFindableById() {
        String id = org.insert("Account", Map.of("Name", "A"));

        org.delete(id);

        assertThat(org.count("Account")).isZero();
        assertThat(org.records("Account")).isEmpty();
        assertThat(org.findById(id).orElseThrow()).containsEntry("IsDeleted", true);
    }

    @Test
    void anUndeletedRecordIsLiveAgainWithItsValuesAndANewModstamp() {
        org.useClock(Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC));
        String id = org.insert("Account", Map.of("Name", "A", "Phone", "123"));
        org.delete(id);
        org.useClock(Clock.fixed(Instant.parse("2024-05-02T00:00:00Z"), ZoneOffset.UTC));

        org.undelete(id);

        assertThat(org.count("Account")).isEqualTo(1);
        assertThat(org.findById(id).orElseThrow())
                .containsEntry("IsDeleted", false)
                .containsEntry("Phone", "123")
                .containsEntry("SystemModstamp", Instant.parse("2024-05-02T00:00:00Z"));
        assertThatThrownBy(() -> org.undelete(id)).hasMessageStartingWith("UNDELETE_FAILED");
    }

    @Test
    void directWritesAreValidatedLikeApiWrites() {
        assertThatThrownBy(() -> org.insert("Account", Map.of("Phone", "1")))
                .hasMessageStartingWith("REQUIRED_FIELD_MISSING");
        assertThatThrownBy(() -> org.insert("Account", Map.of("Name", "A", "Tier__c", "Gold")))
                .hasMessageStartingWith("INVALID_FIELD");
        assertThatThrownBy(() -> org.insert("Account", Map.of("Name", "A", "CreatedDate", Instant.now())))
                .hasMessageStartingWith("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThatThrownBy(() -> org.insert("Partner_Certification__c", Map.of("Account__c", "001000000000XYZ")))
                .hasMessageStartingWith("INVALID_CROSS_REFERENCE_KEY");
    }

    @Test
    void directWritesMaySetPlatformOnlyFieldsLikeALeadConversion() {
        String opportunity = org.insert(
                "Opportunity",
                Map.of("Name", "Deal", "StageName", "Closed Lost", "CloseDate", LocalDate.of(2024, 6, 30)));

        String lead = org.insert(
                "Lead",
                Map.of(
                        "LastName",
                        "Ng",
                        "Company",
                        "Acme",
                        "IsConverted",
                        true,
                        "ConvertedOpportunityId",
                        opportunity));

        assertThat(org.findById(lead).orElseThrow()).containsEntry("ConvertedOpportunityId", opportunity);
        assertThat(org.findById(opportunity).orElseThrow())
                .containsEntry("IsClosed", true)
                .containsEntry("IsWon", false);
    }

    @Test
    void fifteenCharacterIdsFindTheSameRecord() {
        String id = org.insert("Account", Map.of("Name", "A"));

        assertThat(org.findById(id.substring(0, 15))).isPresent();
    }

    @Test
    void findByFieldComparesTextIgnoringCase() {
        org.insert("Account", Map.of("Name", "A", "PRM_Partner_Id__c", "P-0001"));
        org.insert("Account", Map.of("Name", "B"));

        assertThat(org.findByField("Account", "PRM_Partner_Id__c", "p-0001")).hasSize(1);
        assertThat(org.findByField("Account", "PRM_Partner_Id__c", null)).hasSize(1);
    }
}
