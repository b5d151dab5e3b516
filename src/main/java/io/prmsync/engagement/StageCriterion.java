package io.prmsync.engagement;

import io.prmsync.engagement.EngagementFacts.DealRegistration;
import io.prmsync.tier.CheckResult;
import io.prmsync.tier.Criterion;
import io.prmsync.tier.TrailingWindow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One condition of a stage's {@code reached-when}, or a group of them. Missing data simply does not count. */
public sealed interface StageCriterion {

    CheckResult check(StageContext context);

    private static CheckResult single(String criterion, String required, String actual, boolean met) {
        return new CheckResult(criterion, required, actual, met, List.of());
    }

    private static String within(Optional<TrailingWindow> window) {
        return window.map(w -> " in " + w.describe()).orElse(" ever");
    }

    /** The first stage's only criterion: every partner in the program stands there. */
    record Everyone() implements StageCriterion {
        @Override
        public CheckResult check(StageContext context) {
            return single("no criteria: every partner starts here", "none", "-", true);
        }
    }

    record AllOf(List<StageCriterion> parts) implements StageCriterion {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public CheckResult check(StageContext context) {
            List<CheckResult> results =
                    parts.stream().map(part -> part.check(context)).toList();
            long met = results.stream().filter(CheckResult::met).count();
            return new CheckResult(
                    "all of",
                    "all " + parts.size(),
                    met + " of " + parts.size() + " met",
                    met == parts.size(),
                    results);
        }
    }

    record AnyOf(List<StageCriterion> parts) implements StageCriterion {
        public AnyOf {
            parts = List.copyOf(parts);
        }

        @Override
        public CheckResult check(StageContext context) {
            List<CheckResult> results =
                    parts.stream().map(part -> part.check(context)).toList();
            long met = results.stream().filter(CheckResult::met).count();
            return new CheckResult(
                    "any of", "at least 1 of " + parts.size(), met + " of " + parts.size() + " met", met > 0, results);
        }
    }

    /** A tier criterion (certifications, new-customer wins, activity points, satisfaction) as the tier engine checks it. */
    record Tier(Criterion criterion) implements StageCriterion {
        public Tier {
            Objects.requireNonNull(criterion, "criterion");
        }

        @Override
        public CheckResult check(StageContext context) {
            return criterion.check(context.tierFacts(), context.today());
        }
    }

    /** At least {@code min} PRM activities of one kind, within {@code window} or ever. */
    record Activity(String kind, int min, Optional<TrailingWindow> window) implements StageCriterion {
        @Override
        public CheckResult check(StageContext context) {
            long count = context.facts().activities().stream()
                    .filter(activity -> activity.kind().equals(kind))
                    .filter(activity -> !activity.occurredOn().isAfter(context.today()))
                    .filter(activity -> window.map(w -> w.contains(activity.occurredOn(), context.today()))
                            .orElse(true))
                    .count();
            return single(
                    "'" + kind + "' activities" + within(window), "≥ " + min, String.valueOf(count), count >= min);
        }
    }

    /** A deal registered (whatever the vendor decided) within {@code days} of joining the program. */
    record DealRegisteredWithin(int days) implements StageCriterion {
        @Override
        public CheckResult check(StageContext context) {
            Optional<DealRegistration> first = context.facts().deals().stream()
                    .filter(deal -> !deal.registeredOn().isAfter(context.today()))
                    .min(Comparator.comparing(DealRegistration::registeredOn));
            Optional<Long> after =
                    first.map(deal -> ChronoUnit.DAYS.between(context.facts().joinedOn(), deal.registeredOn()));
            return single(
                    "first deal registered, days after joining",
                    "≤ " + days,
                    after.map(String::valueOf).orElse("no deal registered"),
                    after.map(value -> value <= days).orElse(false));
        }
    }

    /** At least {@code min} deal registrations, whatever the vendor decided, within {@code window} or ever. */
    record DealsRegistered(int min, Optional<TrailingWindow> window) implements StageCriterion {
        @Override
        public CheckResult check(StageContext context) {
            long count = context.facts().deals().stream()
                    .filter(deal -> !deal.registeredOn().isAfter(context.today()))
                    .filter(deal -> window.map(w -> w.contains(deal.registeredOn(), context.today()))
                            .orElse(true))
                    .count();
            return single("deals registered" + within(window), "≥ " + min, String.valueOf(count), count >= min);
        }
    }

    /** At least {@code min} won deals (new customer or not), closed within {@code window}. */
    record DealsWon(int min, TrailingWindow window) implements StageCriterion {
        @Override
        public CheckResult check(StageContext context) {
            long count = context.facts().deals().stream()
                    .filter(deal -> deal.wonOn()
                            .map(day -> window.contains(day, context.today()))
                            .orElse(false))
                    .count();
            return single("won deals in " + window.describe(), "≥ " + min, String.valueOf(count), count >= min);
        }
    }

    /**
     * The vendor's side of trust: of the partner's registrations submitted within {@code window} (or ever) whose
     * decision was due by today, the share decided within {@code deal-decision-sla} is at least {@code minShare};
     * fewer than {@code minDecided} such registrations is too little evidence and does not meet it.
     */
    record DecidedWithinSla(BigDecimal minShare, int minDecided, Optional<TrailingWindow> window)
            implements StageCriterion {
        @Override
        public CheckResult check(StageContext context) {
            DecisionSpeed speed = DecisionSpeed.of(
                    context.facts().deals().stream()
                            .filter(deal -> window.map(w -> w.contains(deal.registeredOn(), context.today()))
                                    .orElse(true))
                            .toList(),
                    context.dealDecisionSla(),
                    context.today());
            int due = speed.due();
            int inTime = due - speed.overSla();
            BigDecimal share = due == 0
                    ? BigDecimal.ZERO
                    : BigDecimal.valueOf(inTime).divide(BigDecimal.valueOf(due), 2, RoundingMode.HALF_UP);
            boolean met = due >= minDecided
                    && BigDecimal.valueOf(inTime).compareTo(minShare.multiply(BigDecimal.valueOf(due))) >= 0;
            return single(
                    "registrations decided within " + Strength.days(context.dealDecisionSla()) + within(window),
                    "share ≥ " + minShare.toPlainString() + " of at least " + minDecided,
                    due == 0 ? "none due" : inTime + " of " + due + " (" + share.toPlainString() + ")",
                    met);
        }
    }
}
