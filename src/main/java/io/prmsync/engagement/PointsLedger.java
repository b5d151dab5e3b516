package io.prmsync.engagement;

import static io.prmsync.engagement.EngagementRules.CERTIFICATION_EARNED;
import static io.prmsync.engagement.EngagementRules.DEAL_APPROVED;
import static io.prmsync.engagement.EngagementRules.DEAL_REGISTERED;
import static io.prmsync.engagement.EngagementRules.DEAL_WON;

import io.prmsync.engagement.EngagementFacts.Activity;
import io.prmsync.engagement.EngagementFacts.CertificationStatus;
import io.prmsync.engagement.EngagementFacts.DealRegistration;
import io.prmsync.engagement.EngagementFacts.DealStatus;
import io.prmsync.engagement.EngagementRules.PointsRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger entries a partner's current records earn. A pure function of the records: the same records always
 * give the same entries, one per source, so a re-sync or replay earns nothing new, and a source that is deleted,
 * rejected or no longer ACTIVE simply has no entry (the store reverses the entries that disappeared).
 *
 * <ul>
 *   <li>{@code certification:<id>} ({@code certification-earned}) on its issue day, while its status is ACTIVE.
 *   <li>{@code deal:<id>:registered} ({@code deal-registered}) on its registration day, unless REJECTED.
 *   <li>{@code deal:<id>:approved} ({@code deal-approved}) on its decision day (registration day when the store
 *       has none), once APPROVED.
 *   <li>{@code deal:<id>:won} ({@code deal-won}, plus the new-customer bonus) on its close day, once won and
 *       closed, unless REJECTED.
 *   <li>{@code activity:<id>} with the rule's points for its kind, or the PRM's own value when the rule gives
 *       none. Activities of a built-in kind earn nothing as activities: the record itself earns them.
 * </ul>
 *
 * Entries worth zero or less are left out: a wrong activity is corrected by deleting it, which reverses its entry,
 * and a negative entry would let points rise when it expires.
 */
public final class PointsLedger {

    private PointsLedger() {}

    /** The entries in earned order, one per source. */
    public static List<LedgerEntry> entries(EngagementFacts facts, EngagementRules rules) {
        Map<String, LedgerEntry> bySource = new LinkedHashMap<>();
        List<LedgerEntry> earned = new ArrayList<>();
        facts.certifications().stream()
                .filter(certification -> certification.status() == CertificationStatus.ACTIVE)
                .forEach(certification -> fixed(rules, CERTIFICATION_EARNED)
                        .ifPresent(points -> earned.add(new LedgerEntry(
                                "certification:" + certification.certificationId(),
                                CERTIFICATION_EARNED,
                                points,
                                certification.issuedOn()))));
        facts.deals().forEach(deal -> earned.addAll(dealEntries(deal, rules)));
        facts.activities().forEach(activity -> activityEntry(activity, rules).ifPresent(earned::add));
        earned.stream()
                .filter(entry -> entry.points() > 0)
                .sorted(LedgerEntry.EARNED_ORDER.thenComparing(LedgerEntry::points))
                .forEach(entry -> bySource.putIfAbsent(entry.source(), entry));
        return List.copyOf(bySource.values());
    }

    private static List<LedgerEntry> dealEntries(DealRegistration deal, EngagementRules rules) {
        if (deal.isRejected()) {
            return List.of();
        }
        String source = "deal:" + deal.dealId() + ":";
        List<LedgerEntry> entries = new ArrayList<>();
        fixed(rules, DEAL_REGISTERED)
                .ifPresent(points -> entries.add(
                        new LedgerEntry(source + "registered", DEAL_REGISTERED, points, deal.registeredOn())));
        if (deal.status() == DealStatus.APPROVED) {
            fixed(rules, DEAL_APPROVED)
                    .ifPresent(points -> entries.add(new LedgerEntry(
                            source + "approved",
                            DEAL_APPROVED,
                            points,
                            deal.decidedOn().orElse(deal.registeredOn()))));
        }
        deal.wonOn()
                .ifPresent(closedOn -> fixed(rules, DEAL_WON)
                        .ifPresent(points -> entries.add(
                                new LedgerEntry(source + "won", DEAL_WON, points + wonBonus(deal, rules), closedOn))));
        return entries;
    }

    private static int wonBonus(DealRegistration deal, EngagementRules rules) {
        return deal.newCustomer()
                ? rules.pointsFor(DEAL_WON).map(PointsRule::newCustomerBonus).orElse(0)
                : 0;
    }

    private static Optional<LedgerEntry> activityEntry(Activity activity, EngagementRules rules) {
        if (EngagementRules.BUILT_IN_KINDS.contains(activity.kind())) {
            return Optional.empty();
        }
        int points =
                rules.pointsFor(activity.kind()).flatMap(PointsRule::points).orElse(activity.points());
        return Optional.of(
                new LedgerEntry("activity:" + activity.activityId(), activity.kind(), points, activity.occurredOn()));
    }

    private static Optional<Integer> fixed(EngagementRules rules, String kind) {
        return rules.pointsFor(kind).flatMap(PointsRule::points);
    }
}
