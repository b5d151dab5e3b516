package io.prmsync.admin;

import io.prmsync.engagement.EngagementEngine;
import io.prmsync.engagement.EngagementRulesLoader;
import io.prmsync.program.EngagementDryRun;
import io.prmsync.program.EngagementEvaluation;
import io.prmsync.program.EngagementStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Partners' engagement as last evaluated: stage, churn risk with its signals, points, actions and history. */
@RestController
class EngagementController {

    private static final int MAX_AT_RISK = 500;

    private final EngagementEvaluation engagement;
    private final EngagementEngine engine;
    private final EngagementDryRun dryRun;

    EngagementController(EngagementEvaluation engagement, EngagementEngine engine, EngagementDryRun dryRun) {
        this.engagement = engagement;
        this.engine = engine;
        this.dryRun = dryRun;
    }

    @Operation(
            summary = "Dry run of candidate engagement rules (YAML in the body): which partners would change stage,"
                    + " risk or at-risk, and why; writes nothing")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "400",
            description = "The candidate rules do not validate: every problem with its line and key")
    @ApiResponse(responseCode = "413", description = "The body is over prm-sync.admin.max-dry-run-size")
    @ApiResponse(responseCode = "415", description = "The body is not YAML or plain text")
    @PostMapping(
            path = "/api/engagement/dry-run",
            consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    EngagementDryRun.Report dryRun(@RequestBody String candidateRules) {
        return dryRun.compare(EngagementRulesLoader.parse(candidateRules, "candidate rules"));
    }

    @Operation(
            summary = "A partner's engagement: PRACT stage with every stage's criteria, churn risk with every signal,"
                    + " points by kind and the ledger of their sources, next-best actions, stage history")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "No partner with that id has been evaluated")
    @GetMapping("/api/partners/{id}/engagement")
    Map<String, Object> engagement(@PathVariable String id) {
        return engagement
                .stored(id)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND,
                        "No engagement for partner " + id + " (unknown, or not evaluated yet: it is, with its tier)"));
    }

    @Operation(summary = "Partners whose churn risk is at least min (default: the rules' at-risk), riskiest first")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "min outside 0–100 or limit outside 1–500")
    @GetMapping("/api/engagement/at-risk")
    List<EngagementStore.AtRisk> atRisk(
            @RequestParam Optional<Integer> min, @RequestParam(defaultValue = "100") int limit) {
        int minimum = min.orElse(engine.rules().atRisk());
        if (minimum < 0 || minimum > 100 || limit < 1 || limit > MAX_AT_RISK) {
            throw new IllegalArgumentException("min must be between 0 and 100 and limit between 1 and " + MAX_AT_RISK);
        }
        return engagement.atRisk(minimum, limit);
    }
}
