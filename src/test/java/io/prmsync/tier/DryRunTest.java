package io.prmsync.tier;

import static io.prmsync.tier.Facts.partner;
import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.tier.DryRun.Move;
import io.prmsync.tier.DryRun.Partner;
import io.prmsync.tier.DryRun.Report;
import io.prmsync.tier.TierStanding.ManualOverride;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DryRunTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 2, 10);
    private static final LocalDate LONG_AGO = LocalDate.of(2023, 1, 1);

    private final TierRules current = TestRules.version("2025.1", TestRules.TIERS);

    private static PartnerFacts twoCertificationsAndRevenue(String partnerId, String amount) {
        return partner(partnerId)
                .certified("SALES-101", LONG_AGO)
                .certified("TECH-201", LONG_AGO)
                .wonNewCustomer(amount, "USD", TODAY.minusDays(20))
                .build();
    }

    @Nested
    class StricterGold {

        private final TierRules stricter = TestRules.version(
                "2025.2", TestRules.TIERS.replace("min: 100000", "min: 200000").replace("min: 50000", "min: 150000"));

        private final Partner goldAt120k =
                new Partner(twoCertificationsAndRevenue("P-1", "120000"), TierStanding.of("GOLD", LONG_AGO));
        private final Partner goldAt300k =
                new Partner(twoCertificationsAndRevenue("P-2", "300000"), TierStanding.of("GOLD", LONG_AGO));
        private final Partner newPartner =
                new Partner(twoCertificationsAndRevenue("P-3", "120000"), TierStanding.none());

        private final Report report =
                DryRun.compare(current, stricter, List.of(goldAt120k, goldAt300k, newPartner), TODAY);

        @Test
        void namesBothRuleVersionsTheDayAndHowManyPartnersWereLookedAt() {
            assertThat(report)
                    .extracting(
                            Report::oldRulesVersion,
                            Report::newRulesVersion,
                            Report::evaluatedOn,
                            Report::partnersEvaluated)
                    .containsExactly("2025.1", "2025.2", TODAY, 3);
        }

        @Test
        void listsOnlyPartnersTheNewRulesPutElsewhere() {
            assertThat(report.moves()).extracting(Move::partnerId).containsExactly("P-1", "P-3");
        }

        @Test
        void showsAMemberLosingItsTierWithTheCriterionItMisses() {
            assertThat(report.moves().get(0))
                    .isEqualTo(new Move(
                            "P-1",
                            Optional.of("GOLD"),
                            "GOLD",
                            "SILVER",
                            "GOLD keep-when not met: closed-won revenue in USD in the last 12 months: 120000 USD"
                                    + " (needs ≥ 150000 USD)"));
        }

        @Test
        void showsWhereANewPartnerWouldBePlaced() {
            assertThat(report.moves().get(1))
                    .isEqualTo(new Move(
                            "P-3",
                            Optional.empty(),
                            "GOLD",
                            "REGISTERED",
                            "qualifies for REGISTERED: no higher tier's promote-when criteria met"));
        }
    }

    @Nested
    class LooserGold {

        private final TierRules looser =
                TestRules.version("2025.2", TestRules.TIERS.replace("min: 100000", "min: 20000"));

        @Test
        void showsPromotionsTheNewRulesWouldGrant() {
            Partner silver =
                    new Partner(twoCertificationsAndRevenue("P-4", "30000"), TierStanding.of("SILVER", LONG_AGO));

            Report report = DryRun.compare(current, looser, List.of(silver), TODAY);

            assertThat(report.moves())
                    .containsExactly(new Move(
                            "P-4",
                            Optional.of("SILVER"),
                            "SILVER",
                            "GOLD",
                            "qualifies for GOLD: all 3 promote-when criteria met"));
        }

        @Test
        void comparesTheRulesEvenForPartnersUnderAManualOverride() {
            TierStanding overridden = TierStanding.of("SILVER", LONG_AGO)
                    .withOverride(new ManualOverride("PLATINUM", TODAY.plusYears(1)));
            Partner partner = new Partner(twoCertificationsAndRevenue("P-5", "30000"), overridden);

            assertThat(DryRun.compare(current, looser, List.of(partner), TODAY).moves())
                    .extracting(Move::underNewRules)
                    .containsExactly("GOLD");
        }

        @Test
        void listsNobodyWhenTheRulesAreTheSame() {
            Partner silver =
                    new Partner(twoCertificationsAndRevenue("P-4", "30000"), TierStanding.of("SILVER", LONG_AGO));

            assertThat(DryRun.compare(current, current, List.of(silver), TODAY).moves())
                    .isEmpty();
        }
    }
}
