package io.prmsync.tier;

import static io.prmsync.tier.PartnerArbitraries.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.support.FixedSeed;
import io.prmsync.tier.PartnerFacts.Certification;
import io.prmsync.tier.PartnerFacts.Deal;
import io.prmsync.tier.TierDecision.Assigned;
import io.prmsync.tier.TierDecision.Demoted;
import io.prmsync.tier.TierDecision.DemotionPending;
import io.prmsync.tier.TierDecision.Overridden;
import io.prmsync.tier.TierStanding.ManualOverride;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Rules of the engine that must hold for every partner, not just the ones the example tests thought of. The
 * shipped rules file is used as it is, so a property that breaks after an edit of config/tier-rules.yaml
 * points at the edit; the small {@link TestRules} set adds what the shipped file does not configure (no grace,
 * continuous maintenance, automatic demotion). Everything is evaluated on the fixed day {@link Partners#TODAY}, with
 * the fixed seed of {@link FixedSeed} ({@code -Dproperties.seed=<n>} for another).
 */
@AddLifecycleHook(FixedSeed.class)
class TierEnginePropertiesTest {

    /** A rule set with a short name, so a failing sample reads "shipped" rather than the whole rule tree. */
    record RuleSet(String name, Supplier<TierRules> load, TierRules rules) {
        static RuleSet of(String name, Supplier<TierRules> load) {
            return new RuleSet(name, load, load.get());
        }

        TierEngine engine() {
            return new TierEngine(rules);
        }

        int rank(String tierCode) {
            return rules.rank(rules.tier(tierCode)
                    .orElseThrow(() -> new AssertionError(tierCode + " is not a tier of the " + name + " rules")));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final RuleSet SHIPPED =
            RuleSet.of("shipped", () -> TierRulesLoader.load(Path.of("config/tier-rules.yaml")));
    private static final RuleSet SMALL = RuleSet.of("small", TestRules::with);

    /**
     * One tier above the entry tier that any single windowed fact earns. The shipped and small rules ask for an
     * active certification on every tier, which would hide a broken deal or activity window behind the
     * certification check; here each window has to do its own work. Windows are two years so the facts "more
     * than two years old" sit right against their start.
     */
    private static final RuleSet WINDOW_PROBE =
            RuleSet.of("window-probe", () -> TestRules.version("window-probe", """
            tiers:
              - code: REGISTERED
                name: Registered
              - code: ACTIVE
                name: Active
                grace-period: P0D
                promote-when:
                  any:
                    - criterion: certifications
                      min: 1
                    - criterion: annual-revenue
                      min: 0.01
                    - criterion: new-customer-wins
                      min: 1
                      window: P2Y
                    - criterion: activity-points
                      min: 1
                      window: P2Y
                keep-when:
                  all:
                    - criterion: certifications
                      min: 1
            """));

    private static final List<String> CERTIFICATION_CODES = PartnerArbitraries.certificationCodes(SHIPPED.rules());

    // Shipped and small rules define the same tier codes, so one standing generator serves both.
    private static final List<String> TIER_CODES = PartnerArbitraries.tierCodes(SHIPPED.rules());

    @Provide
    Arbitrary<RuleSet> ruleSets() {
        return Arbitraries.of(SHIPPED, SMALL);
    }

    @Provide
    Arbitrary<RuleSet> allRuleSets() {
        return Arbitraries.of(SHIPPED, SMALL, WINDOW_PROBE);
    }

    @Provide
    Arbitrary<PartnerFacts> facts() {
        return PartnerArbitraries.facts(CERTIFICATION_CODES);
    }

    @Provide
    Arbitrary<PartnerFacts> factsOutsideEveryWindow() {
        return PartnerArbitraries.factsOutsideEveryWindow(CERTIFICATION_CODES);
    }

    @Provide
    Arbitrary<Certification> activeCertifications() {
        return PartnerArbitraries.activeCertification(CERTIFICATION_CODES);
    }

    @Provide
    Arbitrary<Deal> wonDealsInTwelveMonths() {
        // Both rule sets count revenue in USD.
        return PartnerArbitraries.wonDealInTwelveMonths(SHIPPED.rules().currency());
    }

    @Provide
    Arbitrary<TierStanding> standings() {
        return PartnerArbitraries.standing(TIER_CODES);
    }

    @Provide
    Arbitrary<TierStanding> standingsInGrace() {
        return PartnerArbitraries.inGrace(TIER_CODES);
    }

    @Provide
    Arbitrary<ManualOverride> activeOverrides() {
        // The expiry day itself is the override's last day, and jqwik tries that edge first.
        return overrides(PartnerArbitraries.daysFromToday(0, 400));
    }

    @Provide
    Arbitrary<ManualOverride> expiredOverrides() {
        return overrides(PartnerArbitraries.daysFromToday(-400, -1));
    }

    // Any tier code, even one the rules do not define: Salesforce does not check an override against the rules.
    private static Arbitrary<ManualOverride> overrides(Arbitrary<LocalDate> expiresOn) {
        List<String> codes = new ArrayList<>(TIER_CODES);
        codes.add(PartnerArbitraries.UNKNOWN_TIER);
        return Combinators.combine(Arbitraries.of(codes), expiresOn).as(ManualOverride::new);
    }

    // ---- 1. monotonicity ----

    @Property(tries = 400)
    void anActiveCertificationNeverLowersTheTierThePromotionRulesGive(
            @ForAll("ruleSets") RuleSet set,
            @ForAll("facts") PartnerFacts facts,
            @ForAll("activeCertifications") Certification added) {
        TierEngine engine = set.engine();

        Tier before = engine.target(facts, TierStanding.none(), TODAY);
        Tier after = engine.target(with(facts, added), TierStanding.none(), TODAY);

        assertThat(set.rules().rank(after))
                .as("%s → %s", before.code(), after.code())
                .isGreaterThanOrEqualTo(set.rules().rank(before));
    }

    @Property(tries = 400)
    void aWonDealInTheProgramCurrencyWithinTwelveMonthsNeverLowersTheTierThePromotionRulesGive(
            @ForAll("ruleSets") RuleSet set,
            @ForAll("facts") PartnerFacts facts,
            @ForAll("wonDealsInTwelveMonths") Deal added) {
        TierEngine engine = set.engine();

        Tier before = engine.target(facts, TierStanding.none(), TODAY);
        Tier after = engine.target(with(facts, added), TierStanding.none(), TODAY);

        assertThat(set.rules().rank(after))
                .as("%s → %s", before.code(), after.code())
                .isGreaterThanOrEqualTo(set.rules().rank(before));
    }

    /**
     * The same for a partner that already holds a tier, through the whole evaluation: promotion, keep-when,
     * grace and landing must all reward more evidence, or a partner could lose a tier by earning a certificate.
     */
    @Property(tries = 400)
    void moreEvidenceNeverLowersTheTierAnEvaluationGivesAPlacedPartner(
            @ForAll("ruleSets") RuleSet set,
            @ForAll("facts") PartnerFacts facts,
            @ForAll("standings") TierStanding standing,
            @ForAll("activeCertifications") Certification certification,
            @ForAll("wonDealsInTwelveMonths") Deal deal) {
        TierEngine engine = set.engine();

        String before = engine.evaluate(facts, standing, TODAY).tier();
        String withCertification =
                engine.evaluate(with(facts, certification), standing, TODAY).tier();
        String withDeal = engine.evaluate(with(facts, deal), standing, TODAY).tier();

        assertThat(set.rank(withCertification))
                .as("%s → %s with the certification", before, withCertification)
                .isGreaterThanOrEqualTo(set.rank(before));
        assertThat(set.rank(withDeal))
                .as("%s → %s with the deal", before, withDeal)
                .isGreaterThanOrEqualTo(set.rank(before));
    }

    // ---- 2. determinism ----

    /**
     * A second engine over a freshly loaded copy of the rules must agree too, so neither state left in an
     * engine nor identity of the rule objects can creep into a decision. Explanations are compared as well:
     * they are stored with every change and an admin must be able to reproduce them.
     */
    @Property(tries = 400)
    void evaluatingTheSameFactsAndStandingTwiceOnTheSameDayGivesEqualDecisions(
            @ForAll("allRuleSets") RuleSet set,
            @ForAll("facts") PartnerFacts facts,
            @ForAll("standings") TierStanding standing) {
        TierEngine engine = set.engine();
        TierEngine reloaded = new TierEngine(set.load().get());

        TierDecision first = engine.evaluate(facts, standing, TODAY);
        TierDecision second = engine.evaluate(facts, standing, TODAY);
        TierDecision third = reloaded.evaluate(facts, standing, TODAY);

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
    }

    // The store returns facts in no particular order, so the order must not reach a decision or its wording.
    @Property(tries = 300)
    void theOrderTheFactsArriveInDoesNotChangeTheDecision(
            @ForAll("allRuleSets") RuleSet set,
            @ForAll("facts") PartnerFacts facts,
            @ForAll("standings") TierStanding standing,
            @ForAll Random random) {
        PartnerFacts shuffled = new PartnerFacts(
                facts.partnerId(),
                shuffle(facts.certifications(), random),
                shuffle(facts.deals(), random),
                shuffle(facts.activities(), random),
                facts.customerSatisfaction());

        assertThat(set.engine().evaluate(shuffled, standing, TODAY))
                .isEqualTo(set.engine().evaluate(facts, standing, TODAY));
    }

    // ---- 3. manual overrides ----

    @Property(tries = 400)
    void anActiveManualOverrideAlwaysDecidesTheTier(
            @ForAll("ruleSets") RuleSet set,
            @ForAll("facts") PartnerFacts facts,
            @ForAll("standings") TierStanding standing,
            @ForAll("activeOverrides") ManualOverride override) {
        TierDecision decision = set.engine().evaluate(facts, standing.withOverride(override), TODAY);

        assertThat(decision).isInstanceOf(Overridden.class);
        assertThat(decision.tier()).isEqualTo(override.tier());
    }

    /**
     * Stronger than "an expired override never decides unless the rules give that tier anyway": the decision
     * is exactly the one the rules give without the override, so the override's tier can only come out when
     * the rules produce it themselves.
     */
    @Property(tries = 400)
    void anExpiredManualOverrideLeavesTheDecisionToTheRules(
            @ForAll("ruleSets") RuleSet set,
            @ForAll("facts") PartnerFacts facts,
            @ForAll("standings") TierStanding standing,
            @ForAll("expiredOverrides") ManualOverride override) {
        TierEngine engine = set.engine();

        TierDecision decision = engine.evaluate(facts, standing.withOverride(override), TODAY);
        TierDecision rulesAlone = engine.evaluate(facts, standing.withoutOverride(), TODAY);

        assertThat(decision.getClass()).isEqualTo(rulesAlone.getClass());
        assertThat(decision.tier()).isEqualTo(rulesAlone.tier());
        assertThat(decision.standing()).isEqualTo(rulesAlone.standing());
    }

    // ---- 4. grace ----

    @Property(tries = 400)
    void aPartnerInGraceIsNeverDemotedThatDay(
            @ForAll("ruleSets") RuleSet set,
            @ForAll("facts") PartnerFacts facts,
            @ForAll("standingsInGrace") TierStanding standing) {
        String held = standing.tier().orElseThrow();

        TierDecision decision = set.engine().evaluate(facts, standing, TODAY);

        assertThat(decision).isNotInstanceOfAny(Demoted.class, DemotionPending.class);
        assertThat(set.rank(decision.tier()))
                .as("%s → %s", held, decision.tier())
                .isGreaterThanOrEqualTo(set.rank(held));
    }

    // ---- 5. windows ----

    @Property(tries = 400)
    void aNewPartnerWhoseFactsAllFallOutsideEveryWindowIsPlacedInTheLowestTier(
            @ForAll("allRuleSets") RuleSet set, @ForAll("factsOutsideEveryWindow") PartnerFacts facts) {
        TierDecision decision = set.engine().evaluate(facts, TierStanding.none(), TODAY);

        assertThat(decision).isInstanceOf(Assigned.class);
        assertThat(decision.tier()).isEqualTo(set.rules().lowest().code());
    }

    private static PartnerFacts with(PartnerFacts facts, Certification added) {
        List<Certification> certifications = new ArrayList<>(facts.certifications());
        certifications.add(added);
        return new PartnerFacts(
                facts.partnerId(), certifications, facts.deals(), facts.activities(), facts.customerSatisfaction());
    }

    private static PartnerFacts with(PartnerFacts facts, Deal added) {
        List<Deal> deals = new ArrayList<>(facts.deals());
        deals.add(added);
        return new PartnerFacts(
                facts.partnerId(), facts.certifications(), deals, facts.activities(), facts.customerSatisfaction());
    }

    private static <T> List<T> shuffle(List<T> items, Random random) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }
}
