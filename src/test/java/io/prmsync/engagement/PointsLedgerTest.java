package io.prmsync.engagement;

import static io.prmsync.engagement.Partner.SHIPPED;
import static io.prmsync.engagement.Partner.day;
import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.engagement.EngagementFacts.CertificationStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PointsLedgerTest {

    private static List<LedgerEntry> ledger(Partner partner) {
        return PointsLedger.entries(partner.facts(), SHIPPED);
    }

    @Nested
    class Entries {

        @Test
        void namesEverySourceWithItsKindPointsAndDay() {
            Partner partner = Partner.joined("2025-01-01")
                    .certification("c1", "SALES-101", "2026-01-05", "2027-01-10")
                    .won("d1", "2026-02-01", "2026-02-02", "2026-05-20", true)
                    .activity("a1", "co-sell", "2026-03-03", 7);
            assertThat(ledger(partner))
                    .containsExactly(
                            new LedgerEntry("certification:c1", "certification-earned", 50, day("2026-01-05")),
                            new LedgerEntry("deal:d1:registered", "deal-registered", 10, day("2026-02-01")),
                            new LedgerEntry("deal:d1:approved", "deal-approved", 10, day("2026-02-02")),
                            new LedgerEntry("activity:a1", "co-sell", 25, day("2026-03-03")),
                            new LedgerEntry("deal:d1:won", "deal-won", 70, day("2026-05-20")));
        }

        @Test
        void aWinForAnExistingCustomerEarnsNoBonus() {
            assertThat(ledger(Partner.joined("2025-01-01").won("d1", "2026-02-01", "2026-02-02", "2026-05-20", false)))
                    .filteredOn(entry -> entry.kind().equals("deal-won"))
                    .extracting(LedgerEntry::points)
                    .containsExactly(40);
        }

        @Test
        void aSubmittedRegistrationEarnsRegistrationPointsOnly() {
            assertThat(ledger(Partner.joined("2025-01-01").submitted("d1", "2026-06-01")))
                    .extracting(LedgerEntry::source)
                    .containsExactly("deal:d1:registered");
        }

        @Test
        void aRejectedRegistrationEarnsNothing() {
            assertThat(ledger(Partner.joined("2025-01-01").rejected("d1", "2026-06-01", "2026-06-02")))
                    .isEmpty();
        }

        @Test
        void aCertificationThatIsNoLongerActiveEarnsNothing() {
            Partner partner = Partner.joined("2025-01-01")
                    .certification("c1", "SALES-101", "2026-01-05", null, CertificationStatus.REVOKED)
                    .certification("c2", "TECH-201", "2025-01-05", "2026-01-04", CertificationStatus.EXPIRED);
            assertThat(ledger(partner)).isEmpty();
        }

        @Test
        void anActivityKindWithoutPointsInTheRulesEarnsThePrmValue() {
            assertThat(ledger(Partner.joined("2025-01-01").activity("a1", "webinar-hosted", "2026-03-03", 12)))
                    .containsExactly(new LedgerEntry("activity:a1", "webinar-hosted", 12, day("2026-03-03")));
        }

        @Test
        void anActivityOfABuiltInKindOrWorthNothingEarnsNothing() {
            Partner partner = Partner.joined("2025-01-01")
                    .activity("a1", "deal-registered", "2026-03-03", 10)
                    .activity("a2", "webinar-hosted", "2026-03-03", 0)
                    .activity("a3", "webinar-hosted", "2026-03-04", -5);
            assertThat(ledger(partner)).isEmpty();
        }

        @Test
        void theSameRecordTwiceEarnsOnce() {
            Partner partner = Partner.joined("2025-01-01")
                    .approved("d1", "2026-06-01", "2026-06-02")
                    .approved("d1", "2026-06-01", "2026-06-02")
                    .activity("a1", "co-sell", "2026-03-03", 0)
                    .activity("a1", "co-sell", "2026-03-03", 0);
            assertThat(ledger(partner))
                    .extracting(LedgerEntry::source)
                    .containsExactly("activity:a1", "deal:d1:registered", "deal:d1:approved");
        }
    }

    @Nested
    class Score {

        private final Partner partner = Partner.joined("2025-01-01")
                .certification("c1", "SALES-101", "2025-01-10", null)
                .activity("a1", "co-sell", "2025-06-01", 0);

        private PointsScore on(String day) {
            return PointsScore.on(ledger(partner), SHIPPED, day(day));
        }

        @Test
        void countsAnEntryFromItsDayThroughTheDayBeforeItsAnniversary() {
            assertThat(on("2025-01-09").total()).isZero();
            assertThat(on("2025-01-10").total()).isEqualTo(50);
            assertThat(on("2026-01-09").total()).isEqualTo(75);
            assertThat(on("2026-01-10").total()).isEqualTo(25);
            assertThat(on("2026-06-01").total()).isZero();
        }

        @Test
        void breaksThePointsDownByKind() {
            assertThat(on("2025-12-31").byKind())
                    .containsOnly(Map.entry("certification-earned", 50), Map.entry("co-sell", 25));
        }

        @Test
        void capsEntriesOfAKindWithinAnyStretchOfThePeriodInEarnedOrder() {
            // deal-registered: at most 5 within any month.
            Partner busy = Partner.joined("2025-01-01");
            for (int day = 1; day <= 7; day++) {
                busy.submitted("d" + day, "2026-03-0" + day);
            }
            busy.submitted("d8", "2026-04-01").submitted("d9", "2026-04-02");
            PointsScore score = PointsScore.on(PointsLedger.entries(busy.facts(), SHIPPED), SHIPPED, day("2026-04-02"));
            assertThat(score.capped())
                    .extracting(LedgerEntry::source)
                    .containsExactly("deal:d6:registered", "deal:d7:registered");
            // The month up to 04-01 starts after 03-01, so it holds d2..d5 and d8 counts; the month up to 04-02
            // starts after 03-02, holding d3..d5 and d8, so d9 counts too.
            assertThat(score.counted())
                    .extracting(LedgerEntry::source)
                    .containsExactly(
                            "deal:d1:registered",
                            "deal:d2:registered",
                            "deal:d3:registered",
                            "deal:d4:registered",
                            "deal:d5:registered",
                            "deal:d8:registered",
                            "deal:d9:registered");
            assertThat(score.total()).isEqualTo(70);
        }
    }
}
