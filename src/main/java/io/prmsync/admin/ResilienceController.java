package io.prmsync.admin;

import io.prmsync.store.ConflictRepository;
import io.prmsync.sync.ops.Reconciliation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What an admin needs after a bad day: conflicts settled, a comparison of both sides, a paused flow resumed. */
@RestController
class ResilienceController {

    private static final int MAX_PAGE_SIZE = 500;

    private final ConflictRepository conflicts;
    private final Reconciliation reconciliation;
    private final FlowRuns flowRuns;

    ResilienceController(ConflictRepository conflicts, Reconciliation reconciliation, FlowRuns flowRuns) {
        this.conflicts = conflicts;
        this.reconciliation = reconciliation;
        this.flowRuns = flowRuns;
    }

    /** Fields both sides changed, with both values and the winner, newest first. */
    @Operation(summary = "Fields both sides changed between two runs, with both values and the winner, newest first")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "page or size out of range")
    @GetMapping("/api/conflicts")
    List<ConflictRepository.Conflict> conflicts(
            @RequestParam Optional<String> entity,
            @RequestParam Optional<String> prmKey,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be ≥ 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return conflicts.page(entity, prmKey, page, size);
    }

    /** Reads both sides of the flow in full and reports missing, extra and differing records. */
    @Operation(
            summary =
                    "Reads both sides of the flow in full and reports records missing on either side and fields that differ")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "No mapping defines the flow")
    @GetMapping("/api/sync/{flow}/reconciliation")
    Reconciliation.Report reconcile(@PathVariable String flow) {
        return reconciliation.reconcile(flow);
    }

    /** Lifts a flow's pause after REQUEST_LIMIT_EXCEEDED (the API budget guard still applies). */
    @Operation(summary = "Lifts a flow's pause after REQUEST_LIMIT_EXCEEDED (the API budget guard still applies)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "No mapping defines the flow")
    @PostMapping("/api/sync/{flow}/resume")
    ResponseEntity<Map<String, Object>> resume(@PathVariable String flow) {
        return ResponseEntity.ok(Map.of("flow", flow, "paused", flowRuns.resume(flow)));
    }
}
