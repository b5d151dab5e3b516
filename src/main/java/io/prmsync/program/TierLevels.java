package io.prmsync.program;

import io.prmsync.tier.Tier;
import io.prmsync.tier.TierEngine;
import io.prmsync.tier.TierRules;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code tier_level} equal to the tiers of the rule file, so memberships and history can refer to them.
 * Tiers dropped from the rules stay in the table: history still names them.
 */
@Component
public class TierLevels {

    private final JdbcClient jdbc;

    TierLevels(JdbcClient jdbc, TierEngine engine, Clock clock, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        try {
            write(engine.rules(), clock, transaction);
        } catch (org.springframework.dao.DuplicateKeyException anotherNodeStartingToo) {
            // Nodes starting together write the same new tiers: the one that lost finds them there and updates.
            write(engine.rules(), clock, transaction);
        }
    }

    /** One transaction; a tier's row changes (and its updated_at moves) only when its name or rank changed. */
    private void write(TierRules rules, Clock clock, TransactionTemplate transaction) {
        transaction.executeWithoutResult(tx -> {
            List<Tier> tiers = rules.tiers();
            for (int rank = 1; rank <= tiers.size(); rank++) {
                Tier tier = tiers.get(rank - 1);
                var params = java.util.Map.<String, Object>of(
                        "code",
                        tier.code(),
                        "name",
                        tier.name(),
                        "rank",
                        rank,
                        "version",
                        rules.rulesVersion(),
                        "now",
                        clock.instant().atOffset(ZoneOffset.UTC));
                boolean exists = jdbc.sql("SELECT COUNT(*) FROM tier_level WHERE tier_code = :code")
                                .param("code", tier.code())
                                .query(Long.class)
                                .single()
                        > 0;
                if (!exists) {
                    jdbc.sql("INSERT INTO tier_level (tier_code, name, tier_rank, rules_version, created_at,"
                                    + " updated_at) VALUES (:code, :name, :rank, :version, :now, :now)")
                            .params(params)
                            .update();
                    continue;
                }
                jdbc.sql(
                                "UPDATE tier_level SET name = :name, tier_rank = :rank, rules_version = :version,"
                                        + " updated_at = :now WHERE tier_code = :code AND (name <> :name OR tier_rank <> :rank)")
                        .params(params)
                        .update();
            }
        });
    }
}
