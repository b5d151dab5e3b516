package io.prmsync.engagement;

import static io.prmsync.engagement.Partner.TODAY;

import io.prmsync.engagement.EngagementFacts.Activity;
import io.prmsync.engagement.EngagementFacts.Certification;
import io.prmsync.engagement.EngagementFacts.CertificationStatus;
import io.prmsync.engagement.EngagementFacts.DealRegistration;
import io.prmsync.engagement.EngagementFacts.DealStatus;
import io.prmsync.engagement.EngagementFacts.TierPosition;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random partners around {@link Partner#TODAY}: records up to about two years old, some dated a little ahead. */
final class EngagementArbitraries {

    private static final List<String> KINDS = List.of(
            "co-sell",
            "training-completed",
            "event-attended",
            "survey-answered",
            "onboarding-completed",
            "webinar-hosted",
            "deal-registered");

    private EngagementArbitraries() {}

    static Arbitrary<LocalDate> daysBefore(int maxDays) {
        return Arbitraries.integers().between(0, maxDays).map(TODAY::minusDays);
    }

    static Arbitrary<Certification> certification() {
        return Combinators.combine(
                        Arbitraries.of("SALES-101", "TECH-201", "TECH-301"),
                        daysBefore(800),
                        Arbitraries.integers().between(30, 900).optional(0.8),
                        Arbitraries.frequency(
                                Tuple.of(6, CertificationStatus.ACTIVE),
                                Tuple.of(1, CertificationStatus.EXPIRED),
                                Tuple.of(1, CertificationStatus.REVOKED)))
                .as((code, issued, life, status) ->
                        new Certification("c", code, issued, life.map(issued::plusDays), status));
    }

    static Arbitrary<DealRegistration> deal() {
        return Combinators.combine(
                        daysBefore(500),
                        Arbitraries.of(DealStatus.class),
                        Arbitraries.integers().between(0, 10),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 200),
                        Arbitraries.of(true, false))
                .as((registered, status, decisionDays, won, closeDays, newCustomer) -> new DealRegistration(
                        "d",
                        registered,
                        status,
                        status == DealStatus.SUBMITTED
                                ? Optional.empty()
                                : Optional.of(registered.plusDays(decisionDays)),
                        won && status != DealStatus.REJECTED,
                        won && status != DealStatus.REJECTED,
                        won ? Optional.of(registered.plusDays(closeDays)) : Optional.empty(),
                        newCustomer));
    }

    static Arbitrary<Activity> activity(int maxDaysBefore) {
        return Combinators.combine(
                        Arbitraries.of(KINDS),
                        daysBefore(maxDaysBefore),
                        Arbitraries.integers().between(-5, 50))
                .as((kind, day, points) -> new Activity("a", kind, day, points));
    }

    static Arbitrary<EngagementFacts> partner() {
        return partner(activity(500), 12);
    }

    /** Many activities within four months, so the caps have work to do. */
    static Arbitrary<EngagementFacts> busyPartner() {
        return partner(activity(120), 60);
    }

    private static Arbitrary<EngagementFacts> partner(Arbitrary<Activity> activity, int maxActivities) {
        Arbitrary<Optional<BigDecimal>> score = Arbitraries.bigDecimals()
                .between(BigDecimal.ONE, BigDecimal.valueOf(5))
                .ofScale(1)
                .optional(0.7);
        Arbitrary<TierPosition> tier = Combinators.combine(
                        Arbitraries.of("SILVER", "GOLD").optional(),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as(TierPosition::new);
        return Combinators.combine(
                        daysBefore(900),
                        certification().list().ofMaxSize(4),
                        deal().list().ofMaxSize(10),
                        activity.list().ofMaxSize(maxActivities),
                        score,
                        score,
                        tier)
                .as((joined, certifications, deals, activities, now, before, position) -> new EngagementFacts(
                        "P-1",
                        joined,
                        numbered(
                                certifications,
                                (c, id) -> new Certification(id, c.code(), c.issuedOn(), c.expiresOn(), c.status())),
                        numbered(
                                deals,
                                (d, id) -> new DealRegistration(
                                        id,
                                        d.registeredOn(),
                                        d.status(),
                                        d.decidedOn(),
                                        d.won(),
                                        d.closed(),
                                        d.closeDate(),
                                        d.newCustomer())),
                        numbered(activities, (a, id) -> new Activity(id, a.kind(), a.occurredOn(), a.points())),
                        now,
                        before,
                        position,
                        Optional.empty()));
    }

    private static <T> List<T> numbered(List<T> items, BiFunction<T, String, T> withId) {
        List<T> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            result.add(withId.apply(items.get(i), "r" + i));
        }
        return result;
    }
}
