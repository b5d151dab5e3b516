package io.prmsync.program;

import io.prmsync.tier.Tier;
import io.prmsync.tier.TierEngine;
import io.prmsync.tier.TierRules;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code tier_level} equal to the tiers of the rule file, so memberships and history can refer to them.
 * Tiers dropped from the rules stay in the table: history still names them.
 */
@Component
public class TierLevels {

    private final JdbcClient jdbc;

    TierLevels(JdbcClient jdbc, TierEngine engine, Clock clock) {
        this.jdbc = jdbc;
        write(engine.rules(), clock);
    }

    private void write(TierRules rules, Clock clock) {
        List<Tier> tiers = rules.tiers();
        // Ranks are unique: park existing ones out of the way before renumbering.
        jdbc.sql("UPDATE tier_level SET tier_rank = -tier_rank - 1000").update();
        for (int rank = 0; rank < tiers.size(); rank++) {
            Tier tier = tiers.get(rank);
            var params = java.util.Map.<String, Object>of("code", tier.code(), "name", tier.name(), "rank", rank + 1,
                    "version", rules.rulesVersion(), "now", clock.instant().atOffset(ZoneOffset.UTC));
            // updated_at moves only when something changed, so the tier-levels flow sends only real changes.
            int updated = jdbc.sql("UPDATE tier_level SET name = :name, tier_rank = :rank, rules_version = :version,"
                    + " updated_at = CASE WHEN name = :name AND tier_rank = :rank THEN updated_at ELSE :now END"
                    + " WHERE tier_code = :code").params(params).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO tier_level (tier_code, name, tier_rank, rules_version, created_at, updated_at)"
                        + " VALUES (:code, :name, :rank, :version, :now, :now)").params(params).update();
            }
        }
    }
}
