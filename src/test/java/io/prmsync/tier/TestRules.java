package io.prmsync.tier;

/**
 * Small rules for engine tests, with thresholds easy to reach from a handful of facts:
 * SILVER needs a certification and 100 activity points but is kept with the certification alone, and has no
 * grace; GOLD needs two certifications, 100 000 USD and a new-customer win, keeps with two certifications
 * and 50 000 USD, grace 90 days; PLATINUM needs three certifications, 500 000 USD and a 4.5 satisfaction.
 */
final class TestRules {

    static final String TIERS = """
            tiers:
              - code: REGISTERED
                name: Registered
              - code: SILVER
                name: Silver
                grace-period: P0D
                promote-when:
                  all:
                    - criterion: certifications
                      min: 1
                    - criterion: activity-points
                      min: 100
                      window: P12M
                keep-when:
                  all:
                    - criterion: certifications
                      min: 1
              - code: GOLD
                name: Gold
                grace-period: P90D
                promote-when:
                  all:
                    - criterion: certifications
                      min: 2
                    - criterion: annual-revenue
                      min: 100000
                    - criterion: new-customer-wins
                      min: 1
                      window: P12M
                keep-when:
                  all:
                    - criterion: certifications
                      min: 2
                    - criterion: annual-revenue
                      min: 50000
              - code: PLATINUM
                name: Platinum
                grace-period: P90D
                promote-when:
                  all:
                    - criterion: certifications
                      min: 3
                    - criterion: annual-revenue
                      min: 500000
                    - criterion: customer-satisfaction
                      min: 4.5
                keep-when:
                  all:
                    - criterion: certifications
                      min: 3
                    - criterion: annual-revenue
                      min: 400000
            """;

    private TestRules() {}

    /** The test tiers under the given program settings, one per line, e.g. {@code "promotion: quarterly"}. */
    static TierRules with(String... settings) {
        String yaml = "rules-version: test-1\ncurrency: USD\n" + String.join("\n", settings) + "\n" + TIERS;
        return TierRulesLoader.parse(yaml, "tier-rules.yaml");
    }

    /** Other tiers, for comparing rule sets; {@code tiers} is usually {@link #TIERS} with a threshold changed. */
    static TierRules version(String rulesVersion, String tiers) {
        return TierRulesLoader.parse("rules-version: " + rulesVersion + "\ncurrency: USD\n" + tiers, "tier-rules.yaml");
    }

    static TierEngine engine(String... settings) {
        return new TierEngine(with(settings));
    }
}
