package io.prmsync.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.support.MigratedStore;
import io.prmsync.tier.TierEngine;
import io.prmsync.tier.TierRulesLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** tier_level follows the rule file across restarts, renamed and reordered tiers included. */
class TierLevelsTest {

    private final DataSource store = MigratedStore.create("tier-levels");
    private final JdbcClient jdbc = JdbcClient.create(store);
    private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(store));
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void aRenamedTopTierSurvivesRestartsAndEveryRankFollowsTheRules() throws Exception {
        String shipped = Files.readString(Path.of("config/tier-rules.yaml"));
        String renamed = shipped.replace("code: PLATINUM", "code: DIAMOND").replace("name: Platinum", "name: Diamond");

        start(shipped);
        start(renamed);
        start(renamed);

        assertThat(jdbc.sql("SELECT tier_code FROM tier_level WHERE tier_code <> 'PLATINUM' ORDER BY tier_rank")
                        .query(String.class)
                        .list())
                .containsExactly("REGISTERED", "SILVER", "GOLD", "DIAMOND");
    }

    @Test
    void aRestartWithUnchangedRulesLeavesTheLevelsUntouched() throws Exception {
        String shipped = Files.readString(Path.of("config/tier-rules.yaml"));
        start(shipped);
        List<String> before = stamps();

        new TierLevels(jdbc, engine(shipped), Clock.offset(clock, java.time.Duration.ofHours(1)), transaction);

        assertThat(stamps()).isEqualTo(before);
    }

    private void start(String rules) {
        new TierLevels(jdbc, engine(rules), clock, transaction);
    }

    private static TierEngine engine(String rules) {
        return new TierEngine(TierRulesLoader.parse(rules, "tier-rules.yaml"));
    }

    private List<String> stamps() {
        return jdbc.sql("SELECT tier_code || ' ' || CAST(updated_at AS VARCHAR) FROM tier_level ORDER BY tier_code")
                .query(String.class)
                .list();
    }
}
