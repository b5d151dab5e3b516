package io.prmsync.engagement;

import io.prmsync.engagement.EngagementFacts.Certification;
import io.prmsync.engagement.EngagementRules.ActionRules;
import io.prmsync.engagement.RiskSignalRule.CertificationsExpiring;
import io.prmsync.tier.TrailingWindow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a channel manager could do next for a partner, most useful first: each action weighs what its risk
 * signal contributes (a renewal its certification's share of the expiring signal), a tier-gap step weighs
 * {@code actions.tier-gap-weight}, and the onboarding and survey reminders weigh at least 1. Ties keep the
 * order below; at most {@code actions.max} are kept.
 */
final class NextBestActions {

    private NextBestActions() {}

    static List<Action> of(EngagementFacts facts, EngagementRules rules, ChurnRisk risk, LocalDate today) {
        List<Action> actions = new ArrayList<>();
        renewals(facts, rules, today, actions);
        facts.nextTierGap()
                .ifPresent(gap -> gap.unmet()
                        .forEach(unmet -> actions.add(new Action(
                                TierGapWording.sentence(unmet, gap.tierCode()),
                                "tier-gap",
                                rules.actions().tierGapWeight()))));
        for (RiskSignal signal : ChurnRisk.contributing(risk.signals())) {
            signalAction(signal, facts).ifPresent(actions::add);
        }
        reminders(facts, rules.actions(), risk, today, actions);
        return actions.stream()
                .sorted(Comparator.comparingDouble(Action::weight).reversed())
                .limit(rules.actions().max())
                .toList();
    }

    private static void renewals(EngagementFacts facts, EngagementRules rules, LocalDate today, List<Action> actions) {
        rules.risk().stream()
                .filter(CertificationsExpiring.class::isInstance)
                .map(CertificationsExpiring.class::cast)
                .findFirst()
                .ifPresent(rule -> {
                    List<Certification> active = facts.certifications().stream()
                            .filter(certification -> certification.isActiveOn(today))
                            .toList();
                    CertificationsExpiring.expiring(active, today, rule.within()).stream()
                            .sorted(Comparator.comparing(
                                    certification -> certification.expiresOn().orElseThrow()))
                            .forEach(certification -> actions.add(new Action(
                                    "Renew " + certification.code() + ", expires "
                                            + certification.expiresOn().orElseThrow(),
                                    rule.name(),
                                    (double) rule.weight() / active.size())));
                });
    }

    private static Optional<Action> signalAction(RiskSignal signal, EngagementFacts facts) {
        String tier = facts.tier().tierCode().orElse("the tier");
        String text = switch (signal.signal()) {
            case "days-since-last-registration", "activity-falling" -> signal.reason();
            case "tier-at-risk" ->
                facts.tier().demotionPending()
                        ? "Review the pending demotion from " + tier
                        : "Meet " + tier + "'s keep criteria before the grace period ends";
            case "registrations-rejected" -> "Review why " + signal.value() + " deal registrations were rejected";
            case "decisions-over-sla" -> "Decide deal registrations faster: " + signal.reason();
            case "satisfaction-falling" ->
                "Follow up on customer satisfaction: "
                        + signal.reason().substring(0, 1).toLowerCase(Locale.ROOT)
                        + signal.reason().substring(1);
            default -> null;
        };
        return Optional.ofNullable(text).map(sentence -> new Action(sentence, signal.signal(), signal.contribution()));
    }

    private static void reminders(
            EngagementFacts facts, ActionRules rules, ChurnRisk risk, LocalDate today, List<Action> actions) {
        boolean onboarded = facts.activities().stream()
                .anyMatch(activity -> activity.kind().equals(rules.onboardingActivity())
                        && !activity.occurredOn().isAfter(today));
        if (!onboarded) {
            actions.add(new Action(
                    "Finish onboarding training", "onboarding", Math.max(1, contribution(risk, "onboarding-stalled"))));
        }
        TrailingWindow surveyWindow = new TrailingWindow(rules.surveyEvery());
        boolean surveyed = facts.activities().stream()
                .anyMatch(activity -> activity.kind().equals(rules.surveyActivity())
                        && surveyWindow.contains(activity.occurredOn(), today));
        if (!surveyed) {
            actions.add(new Action(
                    "Answer the partner survey", "survey", Math.max(1, contribution(risk, "satisfaction-falling"))));
        }
    }

    private static double contribution(ChurnRisk risk, String signal) {
        return risk.signals().stream()
                .filter(s -> s.signal().equals(signal))
                .mapToDouble(RiskSignal::contribution)
                .sum();
    }
}
