package io.prmsync.admin;

import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.Mode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** On-demand runs (a full resync is {@code mode=full}) and their progress. */
@RestController
@RequestMapping("/api/sync")
class SyncRunController {

    private final SyncLauncher launcher;
    private final FlowRuns flowRuns;

    SyncRunController(SyncLauncher launcher, FlowRuns flowRuns) {
        this.launcher = launcher;
        this.flowRuns = flowRuns;
    }

    /**
     * Starts the flow in one direction or each it has; answers 202 with the run ids (runs take turns). Every
     * direction is checked before either starts, so a refusal (409) starts nothing.
     */
    @Operation(summary = "Starts the flow in one direction or each it has (202 with the run ids)")
    @ApiResponse(responseCode = "202", description = "Started (or queued): the answer names the runs")
    @ApiResponse(
            responseCode = "400",
            description = "mode or direction unknown, or the flow has no route in that direction")
    @ApiResponse(responseCode = "404", description = "No mapping defines the flow")
    @ApiResponse(responseCode = "409", description = "The flow is busy or the service is stopping")
    @PostMapping("/{flow}/run")
    ResponseEntity<Map<String, Object>> run(
            @PathVariable String flow,
            @RequestParam(defaultValue = "incremental") String mode,
            @RequestParam(defaultValue = "both") String direction) {
        Mode runMode = SyncLauncher.mode(mode);
        List<String> ids = flowRuns.start(flow, runMode, direction);
        return ResponseEntity.accepted()
                .location(URI.create("/api/sync/runs/" + ids.get(0)))
                .body(Map.of("flow", flow, "mode", runMode.name().toLowerCase(Locale.ROOT), "runIds", ids));
    }

    /**
     * Runs several flows as one set (every flow unless {@code flows} names some): per direction, one after another,
     * parents first, and the tiers of the partners they touched evaluated once at the end; inbound before outbound.
     * Answers 202 with the runs in the order they run; every run is checked first, so a refusal starts nothing.
     */
    @Operation(
            summary =
                    "Runs several flows as one set, tiers evaluated once at its end (202 with the runs in order); a refusal starts nothing")
    @ApiResponse(responseCode = "202", description = "Started (or queued): the answer names the runs")
    @ApiResponse(responseCode = "400", description = "mode, direction or flows invalid")
    @ApiResponse(responseCode = "404", description = "flows names a flow no mapping defines")
    @ApiResponse(responseCode = "409", description = "A flow of the set is busy or the service is stopping")
    @PostMapping("/run")
    ResponseEntity<Map<String, Object>> runSet(
            @RequestParam(required = false) List<String> flows,
            @RequestParam(defaultValue = "incremental") String mode,
            @RequestParam(defaultValue = "both") String direction) {
        Mode runMode = SyncLauncher.mode(mode);
        if (flows != null && (flows.isEmpty() || flows.stream().anyMatch(String::isBlank))) {
            throw new IllegalArgumentException(
                    "flows names no flow; leave it out to run every flow, or name some: " + launcher.flows());
        }
        List<SyncLauncher.PlannedRun> planned =
                launcher.launchSets(flows == null ? launcher.flows() : flows, FlowRuns.directions(direction), runMode);
        List<Map<String, String>> runs = planned.stream()
                .map(run -> Map.of(
                        "flow", run.flow(),
                        "direction", run.direction().name().toLowerCase(Locale.ROOT),
                        "runId", run.runId()))
                .toList();
        return ResponseEntity.accepted()
                .location(URI.create("/api/sync/runs/" + planned.get(0).runId()))
                .body(Map.of(
                        "mode",
                        runMode.name().toLowerCase(Locale.ROOT),
                        "runs",
                        runs,
                        "runIds",
                        planned.stream().map(SyncLauncher.PlannedRun::runId).toList()));
    }

    @Operation(summary = "Runs newest first, of one flow and direction when given, with counts, rate and message")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "direction unknown, or page or size out of range")
    @GetMapping("/runs")
    List<RunProgress> history(
            @RequestParam Optional<String> flow,
            @RequestParam Optional<String> direction,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return flowRuns.history(flow, direction, page, size);
    }

    @Operation(summary = "A run's progress: counts, rate and, when the total is known, the expected finish")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "No run has that id (yet)")
    @GetMapping("/runs/{id}")
    RunProgress progress(@PathVariable String id) {
        return flowRuns.progress(id)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No run " + id + " (a run appears once it has started)"));
    }
}
