package io.prmsync.console;

import io.prmsync.admin.FlowRuns;
import io.prmsync.admin.RunProgress;
import io.prmsync.sync.run.SyncFlows;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Run history as {@code GET /api/sync/runs} lists it, and one run as {@code GET /api/sync/runs/{id}} shows it. */
@Controller
class RunsController {

    static final int PAGE_SIZE = 25;

    private final FlowRuns flowRuns;
    private final SyncFlows flows;
    private final Clock clock;

    RunsController(FlowRuns flowRuns, SyncFlows flows, Clock clock) {
        this.flowRuns = flowRuns;
        this.flows = flows;
        this.clock = clock;
    }

    @GetMapping("/console/runs")
    String list(
            @RequestParam Optional<String> flow,
            @RequestParam Optional<String> direction,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        int shown = Math.max(page, 0);
        List<RunProgress> runs;
        try {
            runs = flowRuns.history(flow, direction, shown, PAGE_SIZE);
        } catch (IllegalArgumentException e) {
            runs = List.of();
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("runs", runs);
        model.addAttribute("pager", Pager.of(request, shown, runs.size(), PAGE_SIZE));
        model.addAttribute("flows", flows.names());
        model.addAttribute("flow", flow.orElse(""));
        model.addAttribute("direction", direction.orElse(""));
        model.addAttribute("now", clock.instant());
        return "console/runs";
    }

    @GetMapping("/console/runs/{id}")
    String run(@PathVariable String id, Model model) {
        RunProgress run = flowRuns.progress(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No run " + id));
        model.addAttribute("run", run);
        model.addAttribute("now", clock.instant());
        return "console/run";
    }
}
