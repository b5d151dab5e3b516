package io.prmsync.tier;

import io.prmsync.tier.PartnerFacts.Activity;
import io.prmsync.tier.PartnerFacts.Certification;
import io.prmsync.tier.PartnerFacts.Deal;
import io.prmsync.tier.TierStanding.ManualOverride;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Generated partner facts and standings around {@link Partners#TODAY}, for {@link TierEngineProperties}.
 * Dates are drawn as day offsets from that fixed day so that the window boundaries (the last day that still
 * counts, the first day that no longer does) are edge cases jqwik tries early.
 */
final class PartnerArbitraries {

    static final LocalDate TODAY = Partners.TODAY;

    /** The oldest day a twelve-month window still counts on {@link #TODAY}: the window's start is exclusive. */
    static final LocalDate FIRST_DAY_IN_TWELVE_MONTHS = TODAY.minusMonths(12).plusDays(1);

    /**
     * The newest day a two-year window no longer counts on {@link #TODAY}: its start is exclusive, so this is
     * exactly two years back. Starting the old facts here rather than a day earlier puts the first of them right
     * on a window's edge, where an off-by-one in the window check would count it.
     */
    static final LocalDate NEWEST_DAY_OUTSIDE_TWO_YEARS = TODAY.minusYears(2);

    /** A tier code no rule set defines, as left behind by a renamed tier or typed into Salesforce. */
    static final String UNKNOWN_TIER = "DIAMOND";

    private PartnerArbitraries() {}

    /** Every certification code any criterion of {@code rules} names. */
    static List<String> certificationCodes(TierRules rules) {
        Set<String> codes = new TreeSet<>();
        rules.tiers().forEach(tier -> {
            collectCodes(tier.promoteWhen(), codes);
            collectCodes(tier.keepWhen(), codes);
        });
        return List.copyOf(codes);
    }

    private static void collectCodes(Criterion criterion, Set<String> codes) {
        if (criterion instanceof Criterion.Certifications certifications) {
            codes.addAll(certifications.codes());
        } else if (criterion instanceof Criterion.AllOf all) {
            all.parts().forEach(part -> collectCodes(part, codes));
        } else if (criterion instanceof Criterion.AnyOf any) {
            any.parts().forEach(part -> collectCodes(part, codes));
        }
    }

    static List<String> tierCodes(TierRules rules) {
        return rules.tiers().stream().map(Tier::code).toList();
    }

    // ---- facts ----

    /**
     * Partners of every strength. Ordinary partners spread their facts on both sides of the windows; half are
     * busy partners with enough recent evidence that the top tiers come up too, since a property about
     * promotion says little if nearly every sample stays in the entry tier.
     */
    static Arbitrary<PartnerFacts> facts(List<String> ruleCodes) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, facts(ruleCodes, 7, 14, 6, 3)), Tuple.of(1, facts(ruleCodes, 10, 24, 10, 12)));
    }

    /** The higher {@code inWindowWeight}, the more deals, certifications and activities count on {@link #TODAY}. */
    private static Arbitrary<PartnerFacts> facts(
            List<String> ruleCodes, int maxCertifications, int maxDeals, int maxActivities, int inWindowWeight) {
        Arbitrary<Certification> certification = Arbitraries.frequencyOf(
                Tuple.of(inWindowWeight, activeCertification(ruleCodes)), Tuple.of(3, certification(ruleCodes)));
        Arbitrary<LocalDate> activityDay = Arbitraries.frequencyOf(
                Tuple.of(inWindowWeight, daysFromToday(-180, 0)), Tuple.of(1, daysFromToday(-800, 30)));
        Arbitrary<List<Certification>> certifications =
                certification.list().ofMaxSize(maxCertifications).withSizeDistribution(RandomDistribution.uniform());
        Arbitrary<List<Deal>> deals =
                deal(inWindowWeight).list().ofMaxSize(maxDeals).withSizeDistribution(RandomDistribution.uniform());
        Arbitrary<List<Activity>> activities = activity(activityDay)
                .list()
                .ofMaxSize(maxActivities)
                .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(certifications, deals, activities, satisfaction())
                .as((c, d, a, s) -> new PartnerFacts("P-GEN", c, d, a, s));
    }

    /** Facts no window sees: everything is two years old or older, or dated after today. */
    static Arbitrary<PartnerFacts> factsOutsideEveryWindow(List<String> ruleCodes) {
        Arbitrary<LocalDate> outside = Arbitraries.oneOf(
                daysBetween(NEWEST_DAY_OUTSIDE_TWO_YEARS.minusDays(1500), NEWEST_DAY_OUTSIDE_TWO_YEARS),
                daysFromToday(1, 400));
        Arbitrary<Certification> inactive = Arbitraries.oneOf(
                // Expired: the expiry day is the last active day, so it must be before today.
                Combinators.combine(
                                code(ruleCodes),
                                daysFromToday(-1500, -1),
                                Arbitraries.integers().between(0, 1000))
                        .as((code, expiry, length) ->
                                new Certification(code, expiry.minusDays(length), Optional.of(expiry))),
                // Not yet issued.
                Combinators.combine(code(ruleCodes), daysFromToday(1, 400))
                        .as((code, issued) -> new Certification(code, issued, Optional.empty())));
        Arbitrary<Deal> deal = Combinators.combine(
                        amount(), currency(), Arbitraries.of(true, false), outside, Arbitraries.of(true, false))
                .as(Deal::new);
        // Old and future activities rather than none at all, so the activity windows have something to leave out.
        Arbitrary<Activity> activity = Combinators.combine(
                        outside, Arbitraries.integers().between(1, 1000))
                .as(Activity::new);
        return Combinators.combine(
                        inactive.list().ofMaxSize(6),
                        deal.list().ofMaxSize(10),
                        activity.list().ofMaxSize(4),
                        satisfaction())
                .as((c, d, a, s) -> new PartnerFacts("P-OUT", c, d, a, s));
    }

    /** Active on {@link #TODAY}: issued on or before it, expiring on or after it or never. */
    static Arbitrary<Certification> activeCertification(List<String> ruleCodes) {
        return Combinators.combine(
                        code(ruleCodes),
                        daysFromToday(-700, 0),
                        daysFromToday(0, 700).optional(0.6))
                .as(Certification::new);
    }

    /** Won, in {@code currency}, closed inside the trailing twelve months. */
    static Arbitrary<Deal> wonDealInTwelveMonths(String currency) {
        return Combinators.combine(
                        amount(), daysBetween(FIRST_DAY_IN_TWELVE_MONTHS, TODAY), Arbitraries.of(true, false))
                .as((amount, closed, newCustomer) -> new Deal(amount, currency, true, closed, newCustomer));
    }

    private static Arbitrary<Certification> certification(List<String> ruleCodes) {
        return Combinators.combine(
                        code(ruleCodes),
                        daysFromToday(-900, 30),
                        uniformIntegers(0, 1200).optional(0.7))
                .as((code, issued, length) -> new Certification(code, issued, length.map(issued::plusDays)));
    }

    /**
     * Mostly codes the rules count, some in the learning system's own spelling (which the engine normalises),
     * and some that no rule names.
     */
    private static Arbitrary<String> code(List<String> ruleCodes) {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(ruleCodes)),
                Tuple.of(1, Arbitraries.of(ruleCodes).map(code -> " " + code.toLowerCase() + " ")),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withCharRange('A', 'Z')
                                .ofMinLength(2)
                                .ofMaxLength(6)
                                .map(letters -> letters + "-100")));
    }

    private static Arbitrary<Deal> deal(int inWindowWeight) {
        Arbitrary<LocalDate> closed = Arbitraries.frequencyOf(
                Tuple.of(inWindowWeight, daysBetween(FIRST_DAY_IN_TWELVE_MONTHS, TODAY)),
                Tuple.of(1, daysFromToday(-1100, 60)));
        return Combinators.combine(
                        amount(),
                        currency(),
                        Arbitraries.frequency(Tuple.of(7, true), Tuple.of(3, false)),
                        closed,
                        Arbitraries.of(true, false))
                .as(Deal::new);
    }

    private static Arbitrary<BigDecimal> amount() {
        // Uniform, as are lengths, points and scores: jqwik's default leans towards the smallest values, which
        // would leave certifications expiring days after issue and keep revenue and points criteria unmet.
        return Arbitraries.bigDecimals()
                .between(BigDecimal.ONE, new BigDecimal("400000"))
                .ofScale(2)
                .withDistribution(RandomDistribution.uniform());
    }

    private static Arbitrary<String> currency() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("USD")),
                Tuple.of(2, Arbitraries.of("EUR", "GBP", "JPY")),
                Tuple.of(1, Arbitraries.of("usd", " USD")));
    }

    private static Arbitrary<Activity> activity(Arbitrary<LocalDate> day) {
        // Negative points are how admins correct mistakes, so they belong in the mix.
        return Combinators.combine(day, uniformIntegers(-50, 300)).as(Activity::new);
    }

    private static Arbitrary<Optional<BigDecimal>> satisfaction() {
        return Arbitraries.bigDecimals()
                .between(new BigDecimal("3.0"), new BigDecimal("5.0"))
                .ofScale(1)
                .withDistribution(RandomDistribution.uniform())
                .optional(0.7);
    }

    // ---- standings ----

    /**
     * Any standing the store could hand the engine: no tier, a tier of {@code tierCodes} or one the rules no
     * longer define, with or without grace, a pending demotion and an override (active or expired).
     */
    static Arbitrary<TierStanding> standing(List<String> tierCodes) {
        List<String> withUnknown = new ArrayList<>(tierCodes);
        withUnknown.add(UNKNOWN_TIER);
        Arbitrary<Optional<String>> tier = Arbitraries.of(withUnknown).optional(0.85);
        Arbitrary<Optional<LocalDate>> graceUntil = daysFromToday(-200, 200).optional(0.4);
        Arbitrary<Optional<String>> pending = Arbitraries.of(tierCodes).optional(0.15);
        Arbitrary<Optional<ManualOverride>> override = Combinators.combine(
                        Arbitraries.of(tierCodes), daysFromToday(-100, 100))
                .as(ManualOverride::new)
                .optional(0.3);
        return Combinators.combine(tier, daysFromToday(-1000, 0), graceUntil, pending, override)
                // A partner never placed has nothing to be in grace for, but may already carry an override.
                .as((t, since, grace, p, o) -> t.isEmpty()
                        ? new TierStanding(t, Optional.empty(), Optional.empty(), Optional.empty(), o)
                        : new TierStanding(t, Optional.of(since), grace, p, o));
    }

    /** A partner holding one of {@code tierCodes} whose grace period runs past {@link #TODAY}. */
    static Arbitrary<TierStanding> inGrace(List<String> tierCodes) {
        return Combinators.combine(Arbitraries.of(tierCodes), daysFromToday(-1000, 0), daysFromToday(1, 400))
                .as((tier, since, graceUntil) -> TierStanding.of(tier, since).withGraceUntil(graceUntil));
    }

    private static Arbitrary<Integer> uniformIntegers(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    static Arbitrary<LocalDate> daysFromToday(int from, int to) {
        return Arbitraries.integers().between(from, to).map(TODAY::plusDays);
    }

    static Arbitrary<LocalDate> daysBetween(LocalDate first, LocalDate last) {
        return Arbitraries.integers()
                .between(0, (int) ChronoUnit.DAYS.between(first, last))
                .map(first::plusDays);
    }
}
