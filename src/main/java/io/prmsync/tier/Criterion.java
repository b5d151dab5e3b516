package io.prmsync.tier;

import io.prmsync.tier.PartnerFacts.Certification;
import io.prmsync.tier.PartnerFacts.Deal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** One condition of a tier's {@code promote-when} or {@code keep-when}, or a group of them. */
public sealed interface Criterion {

    /** Checks the partner as of {@code today}; never throws for missing data, which simply does not count. */
    CheckResult check(PartnerFacts facts, LocalDate today);

    /** The lowest tier's only criterion: every partner qualifies for it. */
    record Everyone() implements Criterion {
        @Override
        public CheckResult check(PartnerFacts facts, LocalDate today) {
            return CheckResult.single("no criteria: every partner qualifies", "none", "-", true);
        }
    }

    record AllOf(List<Criterion> parts) implements Criterion {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public CheckResult check(PartnerFacts facts, LocalDate today) {
            List<CheckResult> results =
                    parts.stream().map(part -> part.check(facts, today)).toList();
            long met = results.stream().filter(CheckResult::met).count();
            return new CheckResult(
                    CheckResult.ALL_OF,
                    "all " + parts.size(),
                    met + " of " + parts.size() + " met",
                    met == parts.size(),
                    results);
        }
    }

    record AnyOf(List<Criterion> parts) implements Criterion {
        public AnyOf {
            parts = List.copyOf(parts);
        }

        @Override
        public CheckResult check(PartnerFacts facts, LocalDate today) {
            List<CheckResult> results =
                    parts.stream().map(part -> part.check(facts, today)).toList();
            long met = results.stream().filter(CheckResult::met).count();
            return new CheckResult(
                    CheckResult.ANY_OF,
                    "at least 1 of " + parts.size(),
                    met + " of " + parts.size() + " met",
                    met > 0,
                    results);
        }
    }

    /** Active certifications, optionally only those with one of {@code codes} (empty means any code). */
    record Certifications(int min, List<String> codes) implements Criterion {
        public Certifications {
            codes = List.copyOf(codes);
        }

        @Override
        public CheckResult check(PartnerFacts facts, LocalDate today) {
            long active = facts.certifications().stream()
                    .filter(certification -> certification.isActiveOn(today))
                    .filter(this::counts)
                    .count();
            String label = codes.isEmpty()
                    ? "active certifications"
                    : "active certifications (codes " + String.join(", ", codes) + ")";
            return CheckResult.single(label, "≥ " + min, String.valueOf(active), active >= min);
        }

        // Codes arrive from the learning system in whatever case it uses; the rules file insists on capitals.
        private boolean counts(Certification certification) {
            return codes.isEmpty() || codes.contains(certification.code().trim().toUpperCase(Locale.ROOT));
        }
    }

    record NewCustomerWins(int min, TrailingWindow window) implements Criterion {
        @Override
        public CheckResult check(PartnerFacts facts, LocalDate today) {
            long wins = facts.deals().stream()
                    .filter(deal -> deal.won() && deal.newCustomer() && window.contains(deal.closeDate(), today))
                    .count();
            return CheckResult.single(
                    "new-customer wins in " + window.describe(), "≥ " + min, String.valueOf(wins), wins >= min);
        }
    }

    /**
     * Closed-won amount over the trailing twelve months in the program currency. Deals in other currencies
     * are left out rather than converted: a conversion rate would make a tier depend on the day's market,
     * which no partner could check. The result says how many were left out so nobody wonders why.
     */
    record AnnualRevenue(BigDecimal min, String currency) implements Criterion {
        public AnnualRevenue {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(currency, "currency");
        }

        @Override
        public CheckResult check(PartnerFacts facts, LocalDate today) {
            List<Deal> won = facts.deals().stream()
                    .filter(deal -> deal.won() && TrailingWindow.TWELVE_MONTHS.contains(deal.closeDate(), today))
                    .toList();
            BigDecimal total =
                    won.stream().filter(this::inCurrency).map(Deal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            SortedSet<String> otherCurrencies = new TreeSet<>();
            won.stream()
                    .filter(deal -> !inCurrency(deal))
                    .forEach(deal -> otherCurrencies.add(deal.currency().toUpperCase(Locale.ROOT)));
            long leftOut = won.stream().filter(deal -> !inCurrency(deal)).count();
            String actual = total.toPlainString() + " " + currency
                    + (leftOut == 0
                            ? ""
                            : "; " + leftOut + " won " + (leftOut == 1 ? "deal" : "deals") + " in "
                                    + String.join(", ", otherCurrencies) + " not counted");
            return CheckResult.single(
                    "closed-won revenue in " + currency + " in " + TrailingWindow.TWELVE_MONTHS.describe(),
                    "≥ " + min.toPlainString() + " " + currency,
                    actual,
                    total.compareTo(min) >= 0);
        }

        private boolean inCurrency(Deal deal) {
            return deal.currency().trim().equalsIgnoreCase(currency);
        }
    }

    record ActivityPoints(int min, TrailingWindow window) implements Criterion {
        @Override
        public CheckResult check(PartnerFacts facts, LocalDate today) {
            long points = facts.activities().stream()
                    .filter(activity -> window.contains(activity.occurredAt(), today))
                    .mapToLong(PartnerFacts.Activity::points)
                    .sum();
            return CheckResult.single(
                    "activity points in " + window.describe(), "≥ " + min, String.valueOf(points), points >= min);
        }
    }

    /** A partner nobody has scored yet fails: a tier that asks for satisfaction asks for evidence of it. */
    record CustomerSatisfaction(BigDecimal min) implements Criterion {
        public CustomerSatisfaction {
            Objects.requireNonNull(min, "min");
        }

        @Override
        public CheckResult check(PartnerFacts facts, LocalDate today) {
            Optional<BigDecimal> score = facts.customerSatisfaction();
            return CheckResult.single(
                    "customer satisfaction score",
                    "≥ " + min.toPlainString(),
                    score.map(BigDecimal::toPlainString).orElse("no score"),
                    score.map(value -> value.compareTo(min) >= 0).orElse(false));
        }
    }
}
