package io.prmsync.program;

import io.prmsync.engagement.EngagementEngine;
import io.prmsync.engagement.EngagementRulesLoader;
import io.prmsync.tier.TierEngine;
import io.prmsync.tier.TierRulesLoader;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The partner program's tier and engagement rules, read and validated at start-up: a broken rule file stops the
 * service.
 */
@Configuration(proxyBeanMethods = false)
class ProgramConfiguration {

    @Bean
    TierEngine tierEngine(@Value("${prm-sync.tiers.rules-file:config/tier-rules.yaml}") Path rulesFile) {
        return new TierEngine(TierRulesLoader.load(rulesFile));
    }

    @Bean
    EngagementEngine engagementEngine(
            @Value("${prm-sync.engagement.rules-file:config/engagement-rules.yaml}") Path rulesFile) {
        return new EngagementEngine(EngagementRulesLoader.load(rulesFile));
    }
}
