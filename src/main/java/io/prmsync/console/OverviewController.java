package io.prmsync.console;

import io.prmsync.admin.FlowRuns;
import io.prmsync.admin.SyncStatusService;
import io.prmsync.store.Direction;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.FlowBusyException;
import io.prmsync.sync.run.FlowStoppedException;
import io.prmsync.sync.run.UnknownFlowException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every flow and direction as {@code GET /api/sync/status} shows it, and "Run now" as the API starts runs. */
@Controller
class OverviewController {

    private final SyncStatusService status;
    private final FlowRuns flowRuns;

    OverviewController(SyncStatusService status, FlowRuns flowRuns) {
        this.status = status;
        this.flowRuns = flowRuns;
    }

    @GetMapping("/console")
    String overview(Model model) {
        model.addAttribute("rows", rows());
        return "console/overview";
    }

    /** What console.js polls to refresh the overview in place. */
    @GetMapping("/console/status.json")
    @ResponseBody
    List<FlowRow> statusJson() {
        return rows();
    }

    @PostMapping("/console/flows/{flow}/run")
    String run(
            @PathVariable String flow,
            @RequestParam String direction,
            @RequestParam String mode,
            RedirectAttributes redirect) {
        try {
            List<String> ids = flowRuns.start(flow, SyncLauncher.mode(mode), direction);
            redirect.addFlashAttribute("notice", "Started " + mode + " run of " + flow + " " + direction + ": " + ids);
        } catch (IllegalArgumentException | UnknownFlowException | FlowBusyException | FlowStoppedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console";
    }

    private List<FlowRow> rows() {
        return status.flows().stream()
                .map(flow -> new FlowRow(
                        flow,
                        flowRuns.latest(
                                        flow.name(),
                                        Direction.valueOf(flow.direction().toUpperCase(Locale.ROOT)))
                                .orElse(null)))
                .toList();
    }
}
