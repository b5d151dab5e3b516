package io.prmsync.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.tier.Criterion.ActivityPoints;
import io.prmsync.tier.Criterion.AllOf;
import io.prmsync.tier.Criterion.AnnualRevenue;
import io.prmsync.tier.Criterion.AnyOf;
import io.prmsync.tier.Criterion.Certifications;
import io.prmsync.tier.Criterion.CustomerSatisfaction;
import io.prmsync.tier.Criterion.Everyone;
import io.prmsync.tier.Criterion.NewCustomerWins;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.MonthDay;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TierRulesLoaderTest {

    private static final String FILE = "tier-rules.yaml";

    @Nested
    class DefaultFile {

        private final TierRules rules = TierRulesLoader.load(Path.of("config/tier-rules.yaml"));

        @Test
        void listsTheFourTiersLowestFirst() {
            assertThat(rules.tiers())
                    .extracting(Tier::code)
                    .containsExactly("REGISTERED", "SILVER", "GOLD", "PLATINUM");
            assertThat(rules.tiers())
                    .extracting(Tier::name)
                    .containsExactly("Registered", "Silver", "Gold", "Platinum");
        }

        @Test
        void readsTheProgramSettings() {
            assertThat(rules.rulesVersion()).isEqualTo("2025.1");
            assertThat(rules.currency()).isEqualTo("USD");
            assertThat(rules.promotion()).isEqualTo(PromotionCadence.IMMEDIATE);
            assertThat(rules.maintenance()).isEqualTo(new Maintenance.ProgramYearEnd(MonthDay.of(7, 1)));
            assertThat(rules.demotion()).isEqualTo(DemotionMode.APPROVAL);
        }

        @Test
        void entryTierIsOpenToEveryPartner() {
            assertThat(rules.lowest()).isEqualTo(Tier.entry("REGISTERED", "Registered"));
        }

        @Test
        void readsCriteriaWithCodesWindowsAndNestedGroups() {
            Tier gold = rules.tier("GOLD").orElseThrow();
            assertThat(gold.gracePeriod()).isEqualTo(Period.ofDays(90));
            assertThat(gold.promoteWhen())
                    .isEqualTo(new AllOf(List.of(
                            new Certifications(2, List.of("SALES-101", "TECH-201", "TECH-301")),
                            new NewCustomerWins(3, new TrailingWindow(Period.ofMonths(12))),
                            new AnnualRevenue(new BigDecimal("250000"), "USD"))));
            assertThat(((AllOf) gold.keepWhen()).parts().get(2))
                    .isEqualTo(new AnyOf(List.of(
                            new NewCustomerWins(1, new TrailingWindow(Period.ofMonths(12))),
                            new ActivityPoints(300, new TrailingWindow(Period.ofMonths(6))))));
        }

        @Test
        void readsCustomerSatisfactionAsADecimal() {
            AllOf platinum = (AllOf) rules.tier("PLATINUM").orElseThrow().promoteWhen();
            assertThat(platinum.parts()).contains(new CustomerSatisfaction(new BigDecimal("4.5")));
        }
    }

    @Nested
    class ProgramSettings {

        @Test
        void defaultsToImmediatePromotionContinuousMaintenanceAndAutomaticDemotion() {
            TierRules rules = TierRulesLoader.parse("""
                    rules-version: v1
                    currency: EUR
                    tiers:
                      - code: REGISTERED
                        name: Registered
                    """, FILE);

            assertThat(rules.promotion()).isEqualTo(PromotionCadence.IMMEDIATE);
            assertThat(rules.maintenance()).isEqualTo(new Maintenance.Continuous());
            assertThat(rules.demotion()).isEqualTo(DemotionMode.AUTOMATIC);
            assertThat(rules.tiers()).containsExactly(Tier.entry("REGISTERED", "Registered"));
        }

        @Test
        void annualRevenueUsesTheProgramCurrency() {
            TierRules rules = TierRulesLoader.parse("""
                    rules-version: v1
                    currency: EUR
                    tiers:
                      - code: REGISTERED
                        name: Registered
                      - code: GOLD
                        name: Gold
                        grace-period: P90D
                        promote-when:
                          all:
                            - criterion: annual-revenue
                              min: 1000.50
                        keep-when:
                          any:
                            - criterion: annual-revenue
                              min: 0
                    """, FILE);

            assertThat(rules.tier("GOLD").orElseThrow().promoteWhen())
                    .isEqualTo(new AllOf(List.of(new AnnualRevenue(new BigDecimal("1000.50"), "EUR"))));
        }

        @Test
        void lowestTierHoldsOnlyEveryone() {
            assertThat(TestRules.with().lowest().promoteWhen()).isInstanceOf(Everyone.class);
        }
    }
}
