package io.prmsync.admin;

import io.prmsync.program.DryRunPartners;
import io.prmsync.tier.DryRun;
import io.prmsync.tier.TierEngine;
import io.prmsync.tier.TierRules;
import io.prmsync.tier.TierRulesLoader;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Service;

/** Which partners candidate tier rules would move, beside the rules in force; writes nothing. API and console. */
@Service
public class TierRulesDryRun {

    private final TierEngine engine;
    private final DryRunPartners partners;
    private final Clock clock;

    TierRulesDryRun(TierEngine engine, DryRunPartners partners, Clock clock) {
        this.engine = engine;
        this.partners = partners;
        this.clock = clock;
    }

    /** The rules in force. */
    public TierRules current() {
        return engine.rules();
    }

    /**
     * @param candidateRules tier rules as YAML
     * @throws io.prmsync.yaml.ConfigInvalidException when they do not validate, naming line and key
     */
    public DryRun.Report compare(String candidateRules) {
        TierRules candidate = TierRulesLoader.parse(candidateRules, "candidate rules");
        return DryRun.compare(engine.rules(), candidate, partners.all(), LocalDate.now(clock));
    }
}
