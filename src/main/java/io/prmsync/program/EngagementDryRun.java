package io.prmsync.program;

import io.prmsync.engagement.EngagementAssessment;
import io.prmsync.engagement.EngagementEngine;
import io.prmsync.engagement.EngagementFacts;
import io.prmsync.engagement.EngagementRules;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which partners candidate engagement rules would move, and why, beside the rules in force: both evaluated on the
 * same facts as the store holds them today. Writes nothing.
 */
@Component
public class EngagementDryRun {

    /** The moves listed at most; the counts cover every partner. */
    static final int MOVES_LISTED = 1_000;

    private final EngagementEngine current;
    private final EngagementFactsReader reader;
    private final Clock clock;

    EngagementDryRun(EngagementEngine current, EngagementFactsReader reader, Clock clock) {
        this.current = current;
        this.reader = reader;
        this.clock = clock;
    }

    /** A partner the candidate rules would move: stage, risk or at-risk, and the candidate's top reasons. */
    public record Move(
            String partnerId,
            String stageNow,
            String stageThen,
            int riskNow,
            int riskThen,
            boolean atRiskNow,
            boolean atRiskThen,
            List<String> reasonsThen) {}

    public record Report(
            String rulesVersionNow,
            String rulesVersionThen,
            int partners,
            int stageChanges,
            int becomeAtRisk,
            int noLongerAtRisk,
            Map<String, Integer> stagesNow,
            Map<String, Integer> stagesThen,
            List<Move> moves,
            boolean movesCut) {}

    public Report compare(EngagementRules candidate) {
        EngagementEngine then = new EngagementEngine(candidate);
        LocalDate today = LocalDate.now(clock);
        int partners = 0;
        int stageChanges = 0;
        int becomeAtRisk = 0;
        int noLongerAtRisk = 0;
        Map<String, Integer> stagesNow = new java.util.TreeMap<>();
        Map<String, Integer> stagesThen = new java.util.TreeMap<>();
        List<Move> moves = new ArrayList<>();
        boolean cut = false;
        String after = "";
        while (true) {
            List<EngagementFactsReader.PartnerRow> chunk = reader.partnersAfter(after, TierEvaluation.CHUNK);
            if (chunk.isEmpty()) {
                break;
            }
            after = chunk.get(chunk.size() - 1).partnerId();
            Map<String, EngagementFacts> facts = reader.factsAsStored(chunk, today);
            for (EngagementFactsReader.PartnerRow partner : chunk) {
                EngagementAssessment now = current.evaluate(facts.get(partner.partnerId()), today);
                EngagementAssessment candidateSays = then.evaluate(facts.get(partner.partnerId()), today);
                partners++;
                stagesNow.merge(now.stage(), 1, Integer::sum);
                stagesThen.merge(candidateSays.stage(), 1, Integer::sum);
                boolean stageMoves = !now.stage().equals(candidateSays.stage());
                stageChanges += stageMoves ? 1 : 0;
                becomeAtRisk += !now.atRisk() && candidateSays.atRisk() ? 1 : 0;
                noLongerAtRisk += now.atRisk() && !candidateSays.atRisk() ? 1 : 0;
                if (stageMoves || now.risk() != candidateSays.risk() || now.atRisk() != candidateSays.atRisk()) {
                    if (moves.size() < MOVES_LISTED) {
                        moves.add(new Move(
                                partner.partnerId(),
                                now.stage(),
                                candidateSays.stage(),
                                now.risk(),
                                candidateSays.risk(),
                                now.atRisk(),
                                candidateSays.atRisk(),
                                candidateSays.topReasons()));
                    } else {
                        cut = true;
                    }
                }
            }
        }
        return new Report(
                current.rules().rulesVersion(),
                candidate.rulesVersion(),
                partners,
                stageChanges,
                becomeAtRisk,
                noLongerAtRisk,
                stagesNow,
                stagesThen,
                moves,
                cut);
    }
}
