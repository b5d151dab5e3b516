package io.prmsync.tier;

import static io.prmsync.tier.Facts.partner;
import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.tier.Criterion.ActivityPoints;
import io.prmsync.tier.Criterion.AllOf;
import io.prmsync.tier.Criterion.AnnualRevenue;
import io.prmsync.tier.Criterion.AnyOf;
import io.prmsync.tier.Criterion.Certifications;
import io.prmsync.tier.Criterion.CustomerSatisfaction;
import io.prmsync.tier.Criterion.NewCustomerWins;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CriterionTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
    private static final TrailingWindow TWELVE_MONTHS = new TrailingWindow(Period.ofMonths(12));

    @Nested
    class ActiveCertifications {

        private final Certifications anyTwo = new Certifications(2, List.of());

        @Test
        void countsCertificationsIssuedOnOrBeforeToday() {
            PartnerFacts facts = partner("P1")
                    .certified("SALES-101", TODAY)
                    .certified("TECH-201", TODAY.plusDays(1))
                    .build();

            assertThat(anyTwo.check(facts, TODAY))
                    .isEqualTo(CheckResult.single("active certifications", "≥ 2", "1", false));
        }

        @Test
        void countsACertificationOnItsExpiryDayButNotAfter() {
            PartnerFacts facts = partner("P1")
                    .certified("SALES-101", TODAY.minusYears(1), TODAY)
                    .certified("TECH-201", TODAY.minusYears(1), TODAY.minusDays(1))
                    .certified("TECH-301", TODAY.minusYears(1))
                    .build();

            assertThat(anyTwo.check(facts, TODAY).actual()).isEqualTo("2");
            assertThat(anyTwo.check(facts, TODAY.plusDays(1)).actual()).isEqualTo("1");
        }

        @Test
        void countsEveryCertifiedPersonNotDistinctCodes() {
            PartnerFacts facts = partner("P1")
                    .certified("SALES-101", TODAY)
                    .certified("SALES-101", TODAY)
                    .build();

            assertThat(anyTwo.check(facts, TODAY).met()).isTrue();
        }

        @Test
        void countsOnlyListedCodesWhateverTheirCaseInTheData() {
            Certifications listed = new Certifications(2, List.of("SALES-101", "TECH-201"));
            PartnerFacts facts = partner("P1")
                    .certified("sales-101", TODAY.minusDays(3))
                    .certified("ARCH-401", TODAY.minusDays(3))
                    .build();

            assertThat(listed.check(facts, TODAY))
                    .isEqualTo(
                            CheckResult.single("active certifications (codes SALES-101, TECH-201)", "≥ 2", "1", false));
        }
    }

    @Nested
    class NewCustomerWinsInWindow {

        private final NewCustomerWins threeWins = new NewCustomerWins(3, TWELVE_MONTHS);

        @Test
        void countsWonDealsWithNewCustomersOnly() {
            PartnerFacts facts = partner("P1")
                    .wonNewCustomer("1000", "USD", TODAY.minusDays(10))
                    .wonNewCustomer("1000", "EUR", TODAY.minusDays(20))
                    .won("1000", "USD", TODAY.minusDays(10))
                    .lost("1000", "USD", TODAY.minusDays(10), true)
                    .build();

            assertThat(threeWins.check(facts, TODAY))
                    .isEqualTo(CheckResult.single("new-customer wins in the last 12 months", "≥ 3", "2", false));
        }

        @Test
        void windowHoldsExactlyTwelveMonthsEndingToday() {
            PartnerFacts facts = partner("P1")
                    .wonNewCustomer("1", "USD", LocalDate.of(2024, 6, 30))
                    .wonNewCustomer("1", "USD", LocalDate.of(2024, 7, 1))
                    .wonNewCustomer("1", "USD", TODAY)
                    .wonNewCustomer("1", "USD", TODAY.plusDays(1))
                    .build();

            assertThat(threeWins.check(facts, TODAY).actual()).isEqualTo("2");
        }
    }

    @Nested
    class AnnualRevenueInProgramCurrency {

        private final AnnualRevenue revenue = new AnnualRevenue(new BigDecimal("100000"), "USD");

        @Test
        void sumsClosedWonAmountsOfTheTrailingTwelveMonths() {
            PartnerFacts facts = partner("P1")
                    .won("60000.50", "USD", LocalDate.of(2024, 7, 1))
                    .wonNewCustomer("39999.50", "usd", TODAY)
                    .won("5000", "USD", LocalDate.of(2024, 6, 30))
                    .lost("90000", "USD", TODAY, false)
                    .build();

            assertThat(revenue.check(facts, TODAY))
                    .isEqualTo(CheckResult.single(
                            "closed-won revenue in USD in the last 12 months", "≥ 100000 USD", "100000.00 USD", true));
        }

        @Test
        void leavesOutDealsInOtherCurrenciesAndSaysSo() {
            PartnerFacts facts = partner("P1")
                    .won("80000", "USD", TODAY)
                    .won("50000", "EUR", TODAY)
                    .won("10000", "GBP", TODAY)
                    .won("10000", "EUR", TODAY.minusYears(2))
                    .build();

            CheckResult result = revenue.check(facts, TODAY);

            assertThat(result.actual()).isEqualTo("80000 USD; 2 won deals in EUR, GBP not counted");
            assertThat(result.met()).isFalse();
        }
    }

    @Nested
    class ActivityPointsInWindow {

        @Test
        void sumsPointsInsideTheWindowIncludingCorrections() {
            ActivityPoints points = new ActivityPoints(100, new TrailingWindow(Period.ofDays(90)));
            PartnerFacts facts = partner("P1")
                    .activity(TODAY.minusDays(90), 500)
                    .activity(TODAY.minusDays(89), 80)
                    .activity(TODAY, 30)
                    .activity(TODAY.minusDays(5), -10)
                    .build();

            assertThat(points.check(facts, TODAY))
                    .isEqualTo(CheckResult.single("activity points in the last 90 days", "≥ 100", "100", true));
        }
    }

    @Nested
    class CustomerSatisfactionScore {

        private final CustomerSatisfaction satisfaction = new CustomerSatisfaction(new BigDecimal("4.5"));

        @Test
        void isMetAtTheMinimumScore() {
            assertThat(satisfaction.check(partner("P1").satisfaction("4.50").build(), TODAY))
                    .isEqualTo(CheckResult.single("customer satisfaction score", "≥ 4.5", "4.50", true));
        }

        @Test
        void isNotMetBelowTheMinimum() {
            assertThat(satisfaction
                            .check(partner("P1").satisfaction("4.49").build(), TODAY)
                            .met())
                    .isFalse();
        }

        @Test
        void failsAPartnerWithNoScoreAndSaysSo() {
            assertThat(satisfaction.check(partner("P1").build(), TODAY))
                    .isEqualTo(CheckResult.single("customer satisfaction score", "≥ 4.5", "no score", false));
        }
    }

    @Nested
    class Groups {

        private final PartnerFacts oneCertificationNoScore =
                partner("P1").certified("SALES-101", TODAY).build();
        private final Criterion certified = new Certifications(1, List.of());
        private final Criterion satisfied = new CustomerSatisfaction(BigDecimal.ONE);

        @Test
        void allOfNeedsEveryMember() {
            CheckResult result = new AllOf(List.of(certified, satisfied)).check(oneCertificationNoScore, TODAY);

            assertThat(result.met()).isFalse();
            assertThat(result.actual()).isEqualTo("1 of 2 met");
            assertThat(result.parts()).extracting(CheckResult::met).containsExactly(true, false);
        }

        @Test
        void anyOfNeedsOneMember() {
            CheckResult result = new AnyOf(List.of(satisfied, certified)).check(oneCertificationNoScore, TODAY);

            assertThat(result)
                    .extracting(CheckResult::criterion, CheckResult::required, CheckResult::met)
                    .containsExactly("any of", "at least 1 of 2", true);
        }

        @Test
        void nestedGroupsReportTheirMembers() {
            CheckResult result =
                    new AllOf(List.of(certified, new AnyOf(List.of(satisfied)))).check(oneCertificationNoScore, TODAY);

            assertThat(result.met()).isFalse();
            assertThat(result.parts().get(1).parts().get(0).actual()).isEqualTo("no score");
        }
    }

    @Nested
    class Windows {

        @Test
        void describesPeriodsInWords() {
            assertThat(new TrailingWindow(Period.parse("P1Y6M")).describe()).isEqualTo("the last 1 year 6 months");
            assertThat(new TrailingWindow(Period.ofDays(1)).describe()).isEqualTo("the last 1 day");
        }
    }
}
