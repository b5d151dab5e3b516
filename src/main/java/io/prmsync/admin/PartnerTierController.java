package io.prmsync.admin;

import io.prmsync.program.PartnerDirectory;
import io.prmsync.program.TierEvaluation;
import io.prmsync.tier.DryRun;
import io.prmsync.tier.Explanation;
import io.prmsync.tier.NextTierNeeds;
import io.prmsync.tier.TierDecision;
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

/** Partners, their tiers and why, pending demotions, and dry runs of candidate rules. */
@RestController
class PartnerTierController {

    private static final int MAX_PAGE_SIZE = 500;

    private final PartnerDirectory partners;
    private final TierEvaluation evaluation;
    private final TierRulesDryRun dryRun;

    PartnerTierController(PartnerDirectory partners, TierEvaluation evaluation, TierRulesDryRun dryRun) {
        this.partners = partners;
        this.evaluation = evaluation;
        this.dryRun = dryRun;
    }

    @Operation(summary = "Partners with their current tiers, filtered by tier and paged")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "page or size out of range")
    @GetMapping("/api/partners")
    List<PartnerDirectory.PartnerSummary> list(
            @RequestParam Optional<String> tier,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be ≥ 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return partners.page(tier, page, size);
    }

    /** The partner's tier, since when, any override, why, and what it lacks for the next tier. */
    @Operation(
            summary =
                    "A partner's tier, since when, any override, the explanation of the decision and what the next tier still needs")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "No partner has that id")
    @GetMapping("/api/partners/{id}/tier")
    Map<String, Object> tier(@PathVariable String id) {
        PartnerDirectory.Standing standing = partners.standing(id).orElseThrow(() -> notFound(id));
        TierDecision decision = evaluation.preview(id).orElseThrow(() -> notFound(id));
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("standing", standing);
        body.put("explanation", decision.explanation());
        // Next after the tier the partner holds once evaluated now (a stored standing may lag the rules).
        body.put("nextTier", nextTier(decision.tier(), decision.explanation()).orElse(null));
        return body;
    }

    @Operation(summary = "Approves or rejects a partner's pending demotion")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "decision is neither approve nor reject")
    @ApiResponse(responseCode = "404", description = "No partner has that id")
    @ApiResponse(responseCode = "409", description = "The partner has no pending demotion")
    @PostMapping("/api/partners/{id}/tier/demotion")
    Map<String, Object> decideDemotion(@PathVariable String id, @RequestParam String decision) {
        boolean approve = switch (decision) {
            case "approve" -> true;
            case "reject" -> false;
            default ->
                throw new IllegalArgumentException("decision must be 'approve' or 'reject', not '" + decision + "'");
        };
        TierDecision outcome = evaluation
                .decideDemotion(id, approve)
                .orElseThrow(() ->
                        new ResponseStatusException(HttpStatus.CONFLICT, "Partner " + id + " has no pending demotion"));
        return Map.of(
                "partnerId",
                id,
                "tier",
                outcome.tier(),
                "summary",
                outcome.explanation().summary());
    }

    /** Which partners the candidate rules (the request body, YAML) would move, and why; writes nothing. */
    @Operation(
            summary =
                    "Dry run of candidate tier rules (YAML in the body): which partners would move, and why; writes nothing")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "400",
            description = "The candidate rules do not validate: every problem with its line and key")
    @ApiResponse(responseCode = "413", description = "The body is over prm-sync.admin.max-dry-run-size")
    @ApiResponse(responseCode = "415", description = "The body is not YAML or plain text")
    @PostMapping(
            path = "/api/tiers/dry-run",
            consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    DryRun.Report dryRun(@RequestBody String candidateRules) {
        return dryRun.compare(candidateRules);
    }

    private static Optional<Map<String, Object>> nextTier(String current, Explanation explanation) {
        return NextTierNeeds.of(explanation, current)
                .map(next -> Map.of("code", next.tierCode(), "name", next.tierName(), "missing", next.needs()));
    }

    private static ResponseStatusException notFound(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No partner " + id);
    }
}
