package io.prmsync.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Seeds a realistic partner program: one ChannelProgram with four levels, the Lead record type for deal
 * registrations, 44 partner accounts (half known to the PRM store by PRM_Partner_Id__c, half born in Salesforce)
 * with their members, deal registrations, opportunities, certifications and activities, and a few customer
 * accounts. The partners are dealt the {@link SampleArchetype}s in turn, so every tier, stage and a spread of
 * churn risks appear. The same seed always yields the same data; dates are relative to the org's clock.
 */
public final class SampleProgram {

    /** What the seed created, for tests and the sandbox start-up log. */
    public record Seeded(
            String programId,
            String dealRegistrationRecordTypeId,
            Map<String, String> levelIdByTierCode,
            List<String> partnerAccountIds,
            List<String> customerAccountIds,
            List<String> registrationsAwaitingDecision) {}

    static final long RANDOM_SEED = 20240501L;
    static final int PARTNER_COUNT = 44;
    private static final List<String> TIERS = List.of("Registered", "Silver", "Gold", "Platinum");

    private SampleProgram() {}

    public static Seeded seed(SimulatedOrg org) {
        String programId = org.insert("ChannelProgram", Map.of("Name", "Partner Program", "IsActive", true));
        Map<String, String> levels = new LinkedHashMap<>();
        for (int rank = 1; rank <= TIERS.size(); rank++) {
            String tier = TIERS.get(rank - 1);
            String code = tier.toUpperCase(Locale.ROOT);
            levels.put(
                    code,
                    org.insert(
                            "ChannelProgramLevel",
                            Map.of("Name", tier, "ProgramId", programId, "Rank", rank, "PRM_Tier_Code__c", code)));
        }
        String recordType = org.insert(
                "RecordType",
                Map.of(
                        "Name",
                        "Deal Registration",
                        "DeveloperName",
                        "Deal_Registration",
                        "SobjectType",
                        "Lead",
                        "IsActive",
                        true));
        SamplePartners partners = new SamplePartners(org, new Random(RANDOM_SEED), recordType);
        List<String> customers = partners.customers();
        List<String> partnerIds = new ArrayList<>();
        List<SampleArchetype> archetypes = SampleArchetype.all();
        try {
            for (int i = 0; i < PARTNER_COUNT; i++) {
                SampleArchetype archetype = archetypes.get(i % archetypes.size());
                String partnerId = partners.partner(i, archetype);
                partnerIds.add(partnerId);
                org.insert(
                        "ChannelProgramMember",
                        Map.of(
                                "PartnerId",
                                partnerId,
                                "ProgramId",
                                programId,
                                "LevelId",
                                levels.get(archetype.tier().toUpperCase(Locale.ROOT))));
                partners.history(partnerId, archetype, i % 2 == 0);
            }
        } finally {
            partners.done();
        }
        return new Seeded(
                programId,
                recordType,
                Map.copyOf(levels),
                List.copyOf(partnerIds),
                customers,
                partners.awaitingDecision());
    }
}
