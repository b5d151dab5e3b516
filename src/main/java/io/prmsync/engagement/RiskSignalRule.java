package io.prmsync.engagement;

import io.prmsync.engagement.EngagementFacts.Certification;
import io.prmsync.engagement.EngagementFacts.DealRegistration;
import io.prmsync.tier.TrailingWindow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One weighted churn-risk signal of the {@code risk:} rules. Each measures a strength in [0, 1]; the partner's risk
 * is the sum of weight × strength, capped at 100. Shares are taken over at least a minimum number of
 * registrations, so one rejected registration out of one does not read as "all rejected", and adding a
 * registration decided in favour of the partner never raises a share.
 */
public sealed interface RiskSignalRule {

    String name();

    int weight();

    RiskSignal measure(RiskInputs inputs);

    /** Days since the last deal registration (since joining when none): none at {@code fromDays}, full at {@code toDays}. */
    record DaysSinceLastRegistration(int weight, int fromDays, int toDays) implements RiskSignalRule {
        @Override
        public String name() {
            return "days-since-last-registration";
        }

        @Override
        public RiskSignal measure(RiskInputs in) {
            LocalDate today = in.today();
            LocalDate last = in.facts().deals().stream()
                    .map(DealRegistration::registeredOn)
                    .filter(day -> !day.isAfter(today))
                    .max(LocalDate::compareTo)
                    .orElse(null);
            long days = ChronoUnit.DAYS.between(last != null ? last : in.facts().joinedOn(), today);
            double strength = Strength.ramp(days, fromDays, toDays);
            // Dated, not counted: a reason that changed every day would rewrite the Account every day.
            String reason = last != null
                    ? "No deal registered since " + last
                    : "No deal registered since joining on " + in.facts().joinedOn();
            return RiskSignal.of(
                    name(), days + " days", "from " + fromDays + " to " + toDays + " days", strength, weight, reason);
        }
    }

    /** Share of the active certifications that expire within {@code within}. */
    record CertificationsExpiring(int weight, Period within) implements RiskSignalRule {
        @Override
        public String name() {
            return "certifications-expiring";
        }

        @Override
        public RiskSignal measure(RiskInputs in) {
            List<Certification> active = in.facts().certifications().stream()
                    .filter(certification -> certification.isActiveOn(in.today()))
                    .toList();
            List<Certification> expiring = expiring(active, in.today(), within);
            double strength = active.isEmpty() ? 0 : (double) expiring.size() / active.size();
            String value = expiring.size() + " of " + active.size() + " active certifications";
            return RiskSignal.of(
                    name(),
                    value,
                    "expiring within " + Strength.days(within),
                    strength,
                    weight,
                    value + " expire by " + in.today().plus(within));
        }

        static List<Certification> expiring(List<Certification> active, LocalDate today, Period within) {
            LocalDate horizon = today.plus(within);
            return active.stream()
                    .filter(certification -> certification.isActiveOn(today))
                    .filter(certification -> certification
                            .expiresOn()
                            .map(day -> !day.isAfter(horizon))
                            .orElse(false))
                    .toList();
        }
    }

    /** Points earned in the last {@code window} against the one before: none when not lower, full at {@code fullAtDrop}. */
    record ActivityFalling(int weight, Period window, BigDecimal fullAtDrop) implements RiskSignalRule {
        @Override
        public String name() {
            return "activity-falling";
        }

        @Override
        public RiskSignal measure(RiskInputs in) {
            LocalDate start = in.today().minus(window);
            int recent = PointsScore.earnedBetween(in.withinCaps(), start, in.today());
            int before = PointsScore.earnedBetween(in.withinCaps(), start.minus(window), start);
            double drop = before <= 0 || recent >= before ? 0 : (double) (before - recent) / before;
            return RiskSignal.of(
                    name(),
                    recent + " points vs " + before,
                    "a drop of up to " + Strength.percent(fullAtDrop.doubleValue()),
                    drop / fullAtDrop.doubleValue(),
                    weight,
                    "Activity points fell from " + before + " to " + recent + " in " + Strength.words(window)
                            + " (against the " + Strength.days(window) + " before)");
        }
    }

    /** A pending demotion counts {@code pendingDemotion}, a running grace period {@code grace}. */
    record TierAtRisk(int weight, BigDecimal pendingDemotion, BigDecimal grace) implements RiskSignalRule {
        @Override
        public String name() {
            return "tier-at-risk";
        }

        @Override
        public RiskSignal measure(RiskInputs in) {
            var tier = in.facts().tier();
            String code = tier.tierCode().orElse("its tier");
            double strength = tier.demotionPending()
                    ? pendingDemotion.doubleValue()
                    : tier.graceRunning() ? grace.doubleValue() : 0;
            String value = tier.demotionPending() ? "demotion pending" : tier.graceRunning() ? "in grace" : "secure";
            String reason = tier.demotionPending()
                    ? "Demotion from " + code + " pending"
                    : "Grace period running: " + code + " keep criteria not met";
            return RiskSignal.of(name(), value, "pending demotion or grace", strength, weight, reason);
        }
    }

    /** Rejected among the registrations decided within {@code window}: full at {@code fullAtShare}. */
    record RegistrationsRejected(int weight, Period window, int minDecided, BigDecimal fullAtShare)
            implements RiskSignalRule {
        @Override
        public String name() {
            return "registrations-rejected";
        }

        @Override
        public RiskSignal measure(RiskInputs in) {
            TrailingWindow last = new TrailingWindow(window);
            List<DealRegistration> decided = in.facts().deals().stream()
                    .filter(deal -> deal.status() != EngagementFacts.DealStatus.SUBMITTED)
                    .filter(deal -> last.contains(deal.registeredOn(), in.today()))
                    .toList();
            long rejected =
                    decided.stream().filter(DealRegistration::isRejected).count();
            double share = (double) rejected / Math.max(decided.size(), Math.max(1, minDecided));
            String value = rejected + " of " + decided.size() + " decided";
            return RiskSignal.of(
                    name(),
                    value,
                    "full at " + Strength.percent(fullAtShare.doubleValue()) + " of at least " + minDecided,
                    share / fullAtShare.doubleValue(),
                    weight,
                    rejected + " of " + decided.size() + " deal registrations rejected in " + last.describe());
        }
    }

    /** Joined more than {@code afterDays} ago and not at Activate (the current stage stands in for "never"). */
    record OnboardingStalled(int weight, int afterDays) implements RiskSignalRule {
        @Override
        public String name() {
            return "onboarding-stalled";
        }

        @Override
        public RiskSignal measure(RiskInputs in) {
            long days = ChronoUnit.DAYS.between(in.facts().joinedOn(), in.today());
            boolean stalled = days > afterDays && !in.stage().reached(PractStage.ACTIVATE);
            return RiskSignal.of(
                    name(),
                    "joined " + days + " days ago, stage " + in.stage().stage(),
                    "below ACTIVATE after " + afterDays + " days",
                    stalled ? 1 : 0,
                    weight,
                    "Onboarding stalled: joined on " + in.facts().joinedOn() + ", still at "
                            + in.stage().name());
        }
    }

    /** Customer satisfaction below its previous value: full at a drop of {@code fullAtDrop}. */
    record SatisfactionFalling(int weight, BigDecimal fullAtDrop) implements RiskSignalRule {
        @Override
        public String name() {
            return "satisfaction-falling";
        }

        @Override
        public RiskSignal measure(RiskInputs in) {
            var now = in.facts().customerSatisfaction();
            var before = in.facts().previousCustomerSatisfaction();
            double drop = now.isPresent() && before.isPresent()
                    ? before.get().subtract(now.get()).doubleValue()
                    : 0;
            String value = now.map(BigDecimal::toPlainString).orElse("no score") + " (was "
                    + before.map(BigDecimal::toPlainString).orElse("no score") + ")";
            return RiskSignal.of(
                    name(),
                    value,
                    "a drop of up to " + fullAtDrop.toPlainString(),
                    drop / fullAtDrop.doubleValue(),
                    weight,
                    "Customer satisfaction fell to " + value);
        }
    }

    /** The vendor's slowness: registrations within {@code window} decided late or still waiting past the SLA. */
    record DecisionsOverSla(int weight, Period window, int minDue, BigDecimal fullAtShare) implements RiskSignalRule {
        @Override
        public String name() {
            return "decisions-over-sla";
        }

        @Override
        public RiskSignal measure(RiskInputs in) {
            TrailingWindow last = new TrailingWindow(window);
            DecisionSpeed speed = DecisionSpeed.of(
                    in.facts().deals().stream()
                            .filter(deal -> last.contains(deal.registeredOn(), in.today()))
                            .toList(),
                    in.dealDecisionSla(),
                    in.today());
            double share = (double) speed.overSla() / Math.max(speed.due(), Math.max(1, minDue));
            String value = speed.overSla() + " of " + speed.due() + " due";
            return RiskSignal.of(
                    name(),
                    value,
                    "full at " + Strength.percent(fullAtShare.doubleValue()) + " of at least " + minDue,
                    share / fullAtShare.doubleValue(),
                    weight,
                    value + " deal registrations decided later than " + Strength.days(in.dealDecisionSla())
                            + " (vendor side)");
        }
    }
}
