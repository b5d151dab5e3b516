package io.prmsync.engagement;

import io.prmsync.engagement.EngagementFacts.CertificationStatus;
import io.prmsync.tier.PartnerFacts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * What stage criteria read: the partner's records, the day, the decision SLA, and the same partner seen as tier
 * facts, so the tier engine's criteria work unchanged. In those tier facts only ACTIVE certifications appear,
 * only deals with a close date, and the activities are the ledger's entries within the caps, so
 * {@code activity-points} in the engagement rules counts engagement points.
 */
record StageContext(EngagementFacts facts, LocalDate today, Period dealDecisionSla, PartnerFacts tierFacts) {

    static StageContext of(
            EngagementFacts facts, LocalDate today, Period dealDecisionSla, List<LedgerEntry> withinCaps) {
        return new StageContext(facts, today, dealDecisionSla, tierFacts(facts, withinCaps));
    }

    private static PartnerFacts tierFacts(EngagementFacts facts, List<LedgerEntry> withinCaps) {
        List<PartnerFacts.Certification> certifications = facts.certifications().stream()
                .filter(certification -> certification.status() == CertificationStatus.ACTIVE)
                .map(certification -> new PartnerFacts.Certification(
                        certification.code(), certification.issuedOn(), certification.expiresOn()))
                .toList();
        // Engagement facts carry no amounts: the annual-revenue criterion is not offered in engagement rules.
        List<PartnerFacts.Deal> deals = facts.deals().stream()
                .filter(deal -> deal.closeDate().isPresent())
                .map(deal -> new PartnerFacts.Deal(
                        BigDecimal.ZERO,
                        "XXX",
                        deal.wonOn().isPresent(),
                        deal.closeDate().orElseThrow(),
                        deal.newCustomer()))
                .toList();
        List<PartnerFacts.Activity> activities = withinCaps.stream()
                .map(entry -> new PartnerFacts.Activity(entry.earnedOn(), entry.points()))
                .toList();
        return new PartnerFacts(facts.partnerId(), certifications, deals, activities, facts.customerSatisfaction());
    }
}
