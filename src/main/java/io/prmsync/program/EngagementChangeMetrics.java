package io.prmsync.program;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prmsync.engagement.PractStage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Partners' engagement changes as counters, once the transaction that stored them commits: stage changes by the
 * stage reached, and partners becoming at risk or no longer at risk.
 */
@Component
class EngagementChangeMetrics {

    static final String STAGE_CHANGES = "prm_sync.engagement.stage.changes";
    static final String RISK_CHANGES = "prm_sync.engagement.risk.changes";

    private final MeterRegistry meters;

    EngagementChangeMetrics(MeterRegistry meters) {
        this.meters = meters;
        // Every series at zero from the start, so a rate over it counts the first change too.
        for (PractStage stage : PractStage.values()) {
            stageReached(stage.name());
        }
        riskChange(true);
        riskChange(false);
    }

    /**
     * @param stagesReached the stage each partner whose stage changed reached
     * @param atRiskNow for each partner whose at-risk flag changed, whether it is at risk now
     */
    void recorded(List<String> stagesReached, List<Boolean> atRiskNow) {
        if (stagesReached.isEmpty() && atRiskNow.isEmpty()) {
            return;
        }
        Map<String, Long> byStage =
                stagesReached.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<Boolean, Long> byRisk =
                atRiskNow.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        AfterCommit.run(() -> {
            byStage.forEach((stage, n) -> stageReached(stage).increment(n));
            byRisk.forEach((atRisk, n) -> riskChange(atRisk).increment(n));
        });
    }

    private Counter stageReached(String stage) {
        return Counter.builder(STAGE_CHANGES)
                .description("Partners whose engagement stage changed, by the stage reached")
                .tag("stage", stage)
                .register(meters);
    }

    private Counter riskChange(boolean atRisk) {
        return Counter.builder(RISK_CHANGES)
                .description("Partners that became at risk, or stopped being")
                .tag("change", atRisk ? "became_at_risk" : "no_longer_at_risk")
                .register(meters);
    }
}
