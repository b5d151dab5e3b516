package io.prmsync.engagement;

import static io.prmsync.engagement.Partner.SHIPPED;
import static io.prmsync.engagement.Partner.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.engagement.EngagementFacts.DealRegistration;
import io.prmsync.engagement.EngagementFacts.DealStatus;
import io.prmsync.engagement.EngagementRules.Cap;
import io.prmsync.support.FixedSeed;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * What must hold for every partner under the shipped rules, not only for the ones the example tests thought of.
 * Runs with the fixed seed of {@link FixedSeed} ({@code -Dproperties.seed=<n>} for another).
 */
@AddLifecycleHook(FixedSeed.class)
class EngagementPropertiesTest {

    private static final EngagementEngine ENGINE = new EngagementEngine(SHIPPED);

    @Provide
    Arbitrary<EngagementFacts> partners() {
        return EngagementArbitraries.partner();
    }

    @Provide
    Arbitrary<EngagementFacts> busyPartners() {
        return EngagementArbitraries.busyPartner();
    }

    /**
     * A registration the partner makes now (on or after its latest one, within the decision SLA, so the vendor is
     * not late with it yet) never raises its risk.
     */
    @Property(tries = 1000)
    void aNewerDealRegistrationNeverRaisesRisk(
            @ForAll("partners") EngagementFacts facts, @ForAll("offsets") int daysAgo) {
        LocalDate latest = facts.deals().stream()
                .map(DealRegistration::registeredOn)
                .filter(day -> !day.isAfter(TODAY))
                .max(LocalDate::compareTo)
                .orElse(LocalDate.MIN);
        LocalDate registered = TODAY.minusDays(daysAgo).isBefore(latest) ? latest : TODAY.minusDays(daysAgo);
        List<DealRegistration> deals = new ArrayList<>(facts.deals());
        deals.add(new DealRegistration(
                "new", registered, DealStatus.SUBMITTED, Optional.empty(), false, false, Optional.empty(), false));
        int before = ENGINE.evaluate(facts, TODAY).risk();
        int after = ENGINE.evaluate(withDeals(facts, deals), TODAY).risk();
        assertThat(after)
                .as("risk before %d, after registering on %s", before, registered)
                .isLessThanOrEqualTo(before);
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(0, 2);
    }

    /** The same records delivered twice (a replay, a re-sync), in any order, earn exactly the same entries. */
    @Property(tries = 1000)
    void pointsAreNeverCountedTwiceForOneSource(@ForAll("partners") EngagementFacts facts, @ForAll long shuffle) {
        List<LedgerEntry> ledger = ENGINE.ledger(facts);
        assertThat(ledger).extracting(LedgerEntry::source).doesNotHaveDuplicates();
        assertThat(ENGINE.ledger(twice(facts, new Random(shuffle)))).isEqualTo(ledger);
        assertThat(ENGINE.evaluate(twice(facts, new Random(shuffle)), TODAY)).isEqualTo(ENGINE.evaluate(facts, TODAY));
    }

    /** Later days with no new entries never count more points. */
    @Property(tries = 1000)
    void expiryNeverRaisesPoints(@ForAll("partners") EngagementFacts facts, @ForAll("later") int days) {
        List<LedgerEntry> earned = ENGINE.ledger(facts).stream()
                .filter(entry -> !entry.earnedOn().isAfter(TODAY))
                .toList();
        int now = PointsScore.on(earned, SHIPPED, TODAY).total();
        int later = PointsScore.on(earned, SHIPPED, TODAY.plusDays(days)).total();
        assertThat(later).isLessThanOrEqualTo(now);
    }

    @Provide
    Arbitrary<Integer> later() {
        return Arbitraries.integers().between(0, 800);
    }

    /** In any stretch of a cap's period, no more entries of the kind count than the cap allows. */
    @Property(tries = 1000)
    void capsBoundEntriesPerKindPerPeriod(@ForAll("busyPartners") EngagementFacts facts) {
        List<LedgerEntry> counted = PointsScore.withinCaps(ENGINE.ledger(facts), SHIPPED);
        for (LedgerEntry entry : counted) {
            Optional<Cap> cap = SHIPPED.pointsFor(entry.kind()).flatMap(EngagementRules.PointsRule::cap);
            if (cap.isEmpty()) {
                continue;
            }
            // Enough to check stretches that end on a counted entry: any stretch holds no more than the one
            // ending on its last counted entry.
            LocalDate start = entry.earnedOn().minus(cap.get().per());
            long inStretch = counted.stream()
                    .filter(other -> other.kind().equals(entry.kind()))
                    .filter(other ->
                            other.earnedOn().isAfter(start) && !other.earnedOn().isAfter(entry.earnedOn()))
                    .count();
            assertThat(inStretch)
                    .as("%s entries in the %s up to %s", entry.kind(), cap.get().per(), entry.earnedOn())
                    .isLessThanOrEqualTo(cap.get().max());
        }
    }

    /** Risk stays within 0..100 and is the capped, rounded sum of the signals' contributions. */
    @Property(tries = 1000)
    void riskIsAlwaysWithinZeroAndOneHundred(@ForAll("partners") EngagementFacts facts) {
        EngagementAssessment assessment = ENGINE.evaluate(facts, TODAY);
        double sum = assessment.signals().stream()
                .mapToDouble(RiskSignal::contribution)
                .sum();
        assertThat(assessment.risk()).isBetween(0, 100).isEqualTo((int) Math.min(100, Math.round(sum)));
        assertThat(assessment.actions())
                .hasSizeLessThanOrEqualTo(SHIPPED.actions().max());
        assertThat(assessment.points())
                .isEqualTo(assessment.pointsByKind().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());
    }

    private static EngagementFacts twice(EngagementFacts facts, Random random) {
        return new EngagementFacts(
                facts.partnerId(),
                facts.joinedOn(),
                doubled(facts.certifications(), random),
                doubled(facts.deals(), random),
                doubled(facts.activities(), random),
                facts.customerSatisfaction(),
                facts.previousCustomerSatisfaction(),
                facts.tier(),
                facts.nextTierGap());
    }

    private static <T> List<T> doubled(List<T> items, Random random) {
        List<T> result = new ArrayList<>(items);
        result.addAll(items);
        Collections.shuffle(result, random);
        return result;
    }

    private static EngagementFacts withDeals(EngagementFacts facts, List<DealRegistration> deals) {
        return new EngagementFacts(
                facts.partnerId(),
                facts.joinedOn(),
                facts.certifications(),
                deals,
                facts.activities(),
                facts.customerSatisfaction(),
                facts.previousCustomerSatisfaction(),
                facts.tier(),
                facts.nextTierGap());
    }
}
