package io.prmsync.engagement;

import io.prmsync.engagement.EngagementFacts.DealRegistration;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/**
 * How fast the vendor decides deal registrations: the vendor's side of trust. {@code medianDaysToDecision} is
 * over the decided registrations (calendar days from registration to decision; null when none is decided).
 * {@code due} counts the registrations whose decision was due by today: every decided one, and every undecided
 * one whose SLA has run out; {@code overSla} those of them decided late or still waiting, so a registration nobody
 * looks at counts against the vendor before it is decided. Registrations dated after today are left out, and so
 * are those decided at an unknown time (never seen waiting).
 */
public record DecisionSpeed(int decided, Double medianDaysToDecision, int due, int overSla, double shareOverSla) {

    /** One partner's registrations. */
    public static DecisionSpeed of(EngagementFacts facts, Period sla, LocalDate today) {
        return of(facts.deals(), sla, today);
    }

    /** The whole program: every partner's registrations pooled, each counted once. */
    public static DecisionSpeed program(Collection<EngagementFacts> partners, Period sla, LocalDate today) {
        return of(partners.stream().flatMap(facts -> facts.deals().stream()).toList(), sla, today);
    }

    static DecisionSpeed of(List<DealRegistration> deals, Period sla, LocalDate today) {
        List<DealRegistration> submitted = deals.stream()
                .filter(deal -> !deal.registeredOn().isAfter(today))
                .filter(deal -> !deal.decidedAtUnknownTime())
                .toList();
        List<Long> days = submitted.stream()
                .filter(deal -> deal.decidedOn().isPresent())
                .map(deal -> ChronoUnit.DAYS.between(
                        deal.registeredOn(), deal.decidedOn().orElseThrow()))
                .sorted()
                .toList();
        int due = (int) submitted.stream()
                .filter(deal -> deal.decidedOn().isPresent()
                        || today.isAfter(deal.registeredOn().plus(sla)))
                .count();
        int over = (int)
                submitted.stream().filter(deal -> deal.overSla(sla, today)).count();
        return new DecisionSpeed(days.size(), median(days), due, over, due == 0 ? 0 : (double) over / due);
    }

    private static Double median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(middle).doubleValue()
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
