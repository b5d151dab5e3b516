package io.prmsync.console;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prmsync.admin.FlowRuns;
import io.prmsync.admin.SyncStatusService;
import io.prmsync.salesforce.ApiUsage;
import io.prmsync.store.Direction;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.ChangeEventStreams;
import io.prmsync.sync.run.FlowBusyException;
import io.prmsync.sync.run.FlowStoppedException;
import io.prmsync.sync.run.UnknownFlowException;
import io.prmsync.webhook.WebhookInboxStatus;
import java.time.Clock;
import java.time.Instant;
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
    private final CircuitBreaker salesforceCircuitBreaker;
    private final ApiUsage apiUsage;
    private final WebhookInboxStatus inbox;
    private final ChangeEventStreams changeEvents;
    private final Clock clock;

    OverviewController(
            SyncStatusService status,
            FlowRuns flowRuns,
            CircuitBreaker salesforceCircuitBreaker,
            ApiUsage apiUsage,
            WebhookInboxStatus inbox,
            ChangeEventStreams changeEvents,
            Clock clock) {
        this.status = status;
        this.flowRuns = flowRuns;
        this.salesforceCircuitBreaker = salesforceCircuitBreaker;
        this.apiUsage = apiUsage;
        this.inbox = inbox;
        this.changeEvents = changeEvents;
        this.clock = clock;
    }

    @GetMapping("/console")
    String overview(Model model) {
        model.addAttribute("rows", rows());
        model.addAttribute("service", panel());
        model.addAttribute("channels", changeEvents.status());
        model.addAttribute("now", clock.instant());
        return "console/overview";
    }

    /** What console.js polls to refresh the overview's flows in place. */
    @GetMapping("/console/status.json")
    @ResponseBody
    List<FlowRow> statusJson() {
        return rows();
    }

    /** What console.js polls to refresh the overview's service panel in place. */
    @GetMapping("/console/service.json")
    @ResponseBody
    ServicePanel serviceJson() {
        return panel();
    }

    /** Lifts a flow's pause after REQUEST_LIMIT_EXCEEDED, as {@code POST /api/sync/{flow}/resume} does. */
    @PostMapping("/console/flows/{flow}/resume")
    String resume(@PathVariable String flow, RedirectAttributes redirect) {
        try {
            boolean stillPaused = flowRuns.resume(flow);
            redirect.addFlashAttribute(
                    "notice",
                    stillPaused
                            ? "Lifted the pause of " + flow + "; it stays paused by the API budget guard"
                            : "Resumed " + flow);
        } catch (UnknownFlowException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console";
    }

    private ServicePanel panel() {
        return ServicePanel.of(salesforceCircuitBreaker, apiUsage, inbox);
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
        Instant now = clock.instant();
        return status.flows().stream()
                .map(flow -> FlowRow.of(
                        flow,
                        flowRuns.latest(
                                        flow.name(),
                                        Direction.valueOf(flow.direction().toUpperCase(Locale.ROOT)))
                                .orElse(null),
                        now))
                .toList();
    }
}
