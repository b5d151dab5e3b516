package io.prmsync.tier;

import static io.prmsync.tier.Facts.partner;

import java.time.LocalDate;

/** Partners and standings shared by the engine tests, around a fixed day in the first month of a quarter. */
final class Partners {

    static final LocalDate TODAY = LocalDate.of(2025, 1, 15);
    static final LocalDate LONG_AGO = LocalDate.of(2023, 3, 1);

    private Partners() {}

    static PartnerFacts silverFacts() {
        return partner("P-SILVER")
                .certified("SALES-101", LONG_AGO)
                .activity(TODAY.minusDays(3), 100)
                .build();
    }

    static PartnerFacts goldFacts() {
        return partner("P-GOLD")
                .certified("SALES-101", LONG_AGO)
                .certified("TECH-201", LONG_AGO)
                .wonNewCustomer("120000", "USD", TODAY.minusDays(30))
                .build();
    }

    /** Two certifications and 60 000 USD: keeps Gold, but would not earn it today. */
    static PartnerFacts keepsGoldFacts() {
        return partner("P-GOLD")
                .certified("SALES-101", LONG_AGO)
                .certified("TECH-201", LONG_AGO)
                .won("60000", "USD", TODAY.minusDays(30))
                .build();
    }

    /** Short of Gold's keep-when on revenue; still holds Silver's keep-when, though not its promote-when. */
    static PartnerFacts slippingGoldFacts() {
        return partner("P-GOLD")
                .certified("SALES-101", LONG_AGO)
                .certified("TECH-201", LONG_AGO)
                .won("30000", "USD", TODAY.minusDays(30))
                .build();
    }

    static PartnerFacts platinumFacts() {
        return partner("P-PLAT")
                .certified("A", LONG_AGO)
                .certified("B", LONG_AGO)
                .certified("C", LONG_AGO)
                .wonNewCustomer("600000", "USD", TODAY.minusDays(30))
                .satisfaction("4.6")
                .build();
    }

    static TierStanding gold() {
        return TierStanding.of("GOLD", LONG_AGO);
    }
}
