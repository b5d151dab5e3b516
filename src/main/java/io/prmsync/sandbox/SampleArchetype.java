package io.prmsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kind of partner the sample program holds, so that a newcomer's first look shows the program working: every
 * tier, every PRACT stage and a spread of churn risks, some partners clearly at risk for different reasons. What
 * each one did is dated in days before the seeding day; the tiers and stages named are what the shipped rules
 * (config/tier-rules.yaml, config/engagement-rules.yaml) make of it, checked by SampleProgramVarietyIT.
 *
 * @param revenueInProgramCurrency whether its deals are in USD, the currency the tier rules count revenue in
 */
record SampleArchetype(
        String name,
        int joinedDaysAgo,
        String tier,
        String stage,
        Optional<Double> satisfaction,
        boolean revenueInProgramCurrency,
        List<Certification> certifications,
        List<Activity> activities,
        List<Registration> registrations) {

    record Certification(String code, int issuedDaysAgo) {}

    /** Logged in Salesforce by the partner's channel manager. */
    record Activity(String kind, int daysAgo) {}

    /**
     * @param status Registration_Status__c
     * @param stage the converted Opportunity's stage; null when not converted
     * @param closedDaysAgo when the Opportunity closed; negative when open or not converted
     * @param awaitsChannelManager waiting now, decided by the sandbox's channel manager once the service saw it
     */
    record Registration(
            int daysAgo,
            String status,
            String stage,
            int closedDaysAgo,
            int amount,
            boolean newCustomer,
            boolean awaitsChannelManager) {

        static Registration approved(int daysAgo) {
            return new Registration(daysAgo, "Approved", null, -1, 20_000, false, false);
        }

        static Registration rejected(int daysAgo) {
            return new Registration(daysAgo, "Rejected", null, -1, 15_000, false, false);
        }

        static Registration waiting(int daysAgo) {
            return new Registration(daysAgo, "Submitted", null, -1, 25_000, false, false);
        }

        static Registration decidedByTheChannelManager() {
            return new Registration(0, "Submitted", null, -1, 40_000, true, true);
        }

        static Registration won(int daysAgo, int closedDaysAgo, int amount, boolean newCustomer) {
            return new Registration(daysAgo, "Approved", "Closed Won", closedDaysAgo, amount, newCustomer, false);
        }

        static Registration lost(int daysAgo, int closedDaysAgo) {
            return new Registration(daysAgo, "Approved", "Closed Lost", closedDaysAgo, 30_000, false, false);
        }
    }

    boolean earnsRevenue() {
        return revenueInProgramCurrency;
    }

    /** The archetypes in the order the sample program deals them out to its partners. */
    static List<SampleArchetype> all() {
        return List.of(
                newcomer(),
                stalledAfterTraining(),
                certifiedNewcomer(),
                firstDealsSilver(),
                waitingOnTheVendor(),
                coSellingGold(),
                platinumOnItsWayToTrust(),
                driftingVeteran(),
                neverStarted(),
                steadyRegistered());
    }

    /** Joined three weeks ago: nothing yet, nothing wrong. PERCEPTION, no risk. */
    static SampleArchetype newcomer() {
        return new Builder("newcomer", 20, "Registered", "PERCEPTION").build();
    }

    /**
     * Certified, then nothing: three registrations all rejected, events attended long ago, its only certification
     * about to expire, never activated. READINESS, at risk (about 85).
     */
    static SampleArchetype stalledAfterTraining() {
        return new Builder("stalled after training", 400, "Registered", "READINESS")
                .certification("SALES-101", 700)
                .activity("event-attended", 160)
                .activity("event-attended", 140)
                .activity("event-attended", 120)
                .registration(Registration.rejected(300))
                .registration(Registration.rejected(290))
                .registration(Registration.rejected(280))
                .satisfaction(3.4)
                .build();
    }

    /** Onboarded and certified within its first two months. READINESS, little risk. */
    static SampleArchetype certifiedNewcomer() {
        return new Builder("certified newcomer", 60, "Registered", "READINESS")
                .activity("onboarding-completed", 50)
                .certification("TECH-201", 40)
                .build();
    }

    /** Registering deals, the first won (60,000 USD). SILVER, ACTIVATE. */
    static SampleArchetype firstDealsSilver() {
        return new Builder("first deals", 200, "Silver", "ACTIVATE")
                .revenue()
                .certification("SALES-101", 150)
                .activity("onboarding-completed", 180)
                .registration(Registration.approved(150))
                .registration(Registration.won(100, 40, 60_000, false))
                .registration(Registration.approved(45))
                .satisfaction(4.1)
                .build();
    }

    /** Registers deals the vendor leaves waiting past the SLA: the vendor's side of trust. ACTIVATE. */
    static SampleArchetype waitingOnTheVendor() {
        return new Builder("waiting on the vendor", 150, "Registered", "ACTIVATE")
                .certification("SALES-101", 130)
                .registration(Registration.approved(120))
                .registration(Registration.approved(100))
                .registration(Registration.waiting(30))
                .registration(Registration.waiting(20))
                .registration(Registration.waiting(10))
                .build();
    }

    /** Four new customers won in a year (320,000 USD), co-selling with the vendor's team. GOLD, COLLABORATION. */
    static SampleArchetype coSellingGold() {
        return new Builder("co-selling", 500, "Gold", "COLLABORATION")
                .revenue()
                .certification("SALES-101", 200)
                .certification("TECH-201", 300)
                .activity("co-sell", 60)
                .activity("co-sell", 30)
                .registration(Registration.won(250, 200, 80_000, true))
                .registration(Registration.won(200, 150, 80_000, true))
                .registration(Registration.won(150, 100, 80_000, true))
                .registration(Registration.won(90, 30, 80_000, true))
                .registration(Registration.approved(20))
                .satisfaction(4.3)
                .build();
    }

    /**
     * Seven new customers won in a year (1,120,000 USD), every certification, satisfied customers. PLATINUM; at
     * COLLABORATION until its three waiting registrations are decided within the SLA, then TRUST.
     */
    static SampleArchetype platinumOnItsWayToTrust() {
        Builder builder = new Builder("platinum", 1100, "Platinum", "COLLABORATION")
                .revenue()
                .certification("SALES-101", 100)
                .certification("TECH-201", 200)
                .certification("TECH-301", 300)
                .certification("ARCH-401", 400)
                .activity("co-sell", 150)
                .activity("co-sell", 100)
                .activity("co-sell", 50)
                .activity("co-sell", 10)
                .satisfaction(4.7);
        for (int i = 0; i < 7; i++) {
            int registered = 330 - 40 * i;
            builder.registration(Registration.won(registered, registered - 30, 160_000, true));
        }
        for (int i = 0; i < 3; i++) {
            builder.registration(Registration.decidedByTheChannelManager());
        }
        return builder.build();
    }

    /**
     * Was active, is drifting: co-selling stopped four months ago, both certifications expire within the
     * quarter, half its recent registrations rejected, three left waiting by the vendor, nothing registered since.
     * SILVER, COLLABORATION, at risk (about 75).
     */
    static SampleArchetype driftingVeteran() {
        return new Builder("drifting veteran", 730, "Silver", "COLLABORATION")
                .revenue()
                .certification("SALES-101", 690)
                .certification("TECH-201", 700)
                .activity("co-sell", 170)
                .activity("co-sell", 150)
                .activity("co-sell", 130)
                .activity("co-sell", 110)
                .registration(Registration.won(300, 200, 70_000, false))
                .registration(Registration.rejected(250))
                .registration(Registration.rejected(200))
                .registration(Registration.lost(130, 60))
                .registration(Registration.waiting(140))
                .registration(Registration.waiting(135))
                .registration(Registration.waiting(130))
                .satisfaction(3.2)
                .build();
    }

    /** Joined half a year ago and never started. PERCEPTION, rising risk. */
    static SampleArchetype neverStarted() {
        return new Builder("never started", 200, "Registered", "PERCEPTION").build();
    }

    /** Onboarded, registers now and then; an old certification lapsed. ACTIVATE. */
    static SampleArchetype steadyRegistered() {
        return new Builder("steady", 90, "Registered", "ACTIVATE")
                .certification("SUPPORT-110", 800)
                .activity("onboarding-completed", 80)
                .activity("event-attended", 30)
                .registration(Registration.approved(70))
                .build();
    }

    private static final class Builder {
        private final String name;
        private final int joinedDaysAgo;
        private final String tier;
        private final String stage;
        private Double satisfaction;
        private boolean revenue;
        private final List<Certification> certifications = new ArrayList<>();
        private final List<Activity> activities = new ArrayList<>();
        private final List<Registration> registrations = new ArrayList<>();

        Builder(String name, int joinedDaysAgo, String tier, String stage) {
            this.name = name;
            this.joinedDaysAgo = joinedDaysAgo;
            this.tier = tier;
            this.stage = stage;
        }

        Builder revenue() {
            revenue = true;
            return this;
        }

        Builder satisfaction(double score) {
            satisfaction = score;
            return this;
        }

        Builder certification(String code, int issuedDaysAgo) {
            certifications.add(new Certification(code, issuedDaysAgo));
            return this;
        }

        Builder activity(String kind, int daysAgo) {
            activities.add(new Activity(kind, daysAgo));
            return this;
        }

        Builder registration(Registration registration) {
            registrations.add(registration);
            return this;
        }

        SampleArchetype build() {
            return new SampleArchetype(
                    name,
                    joinedDaysAgo,
                    tier,
                    stage.toUpperCase(java.util.Locale.ROOT),
                    Optional.ofNullable(satisfaction),
                    revenue,
                    List.copyOf(certifications),
                    List.copyOf(activities),
                    List.copyOf(registrations));
        }
    }
}
