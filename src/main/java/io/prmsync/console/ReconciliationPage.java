package io.prmsync.console;

import io.prmsync.store.ConflictRepository;
import io.prmsync.sync.ops.Reconciliation;
import io.prmsync.sync.run.SyncFlows;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Reconciliation of a flow as {@code GET /api/sync/{flow}/reconciliation} reports it, and the conflicts as
 * {@code GET /api/conflicts} lists them. Reconciling reads both sides in full (API calls), so it runs only when the
 * admin asks, with a button, never on opening the page.
 */
@Controller
class ReconciliationPage {

    static final int PAGE_SIZE = 25;

    private final Reconciliation reconciliation;
    private final ConflictRepository conflicts;
    private final SyncFlows flows;

    ReconciliationPage(Reconciliation reconciliation, ConflictRepository conflicts, SyncFlows flows) {
        this.reconciliation = reconciliation;
        this.conflicts = conflicts;
        this.flows = flows;
    }

    @GetMapping("/console/reconciliation")
    String page(
            @RequestParam Optional<String> entity,
            @RequestParam Optional<String> prmKey,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        return render(Optional.empty(), entity, prmKey, page, request, model);
    }

    @PostMapping("/console/reconciliation")
    String reconcile(@RequestParam String flow, HttpServletRequest request, Model model) {
        try {
            return render(
                    Optional.of(reconciliation.reconcile(flow)), Optional.empty(), Optional.empty(), 0, request, model);
        } catch (RuntimeException unknownFlowOrSalesforceDown) {
            // An unknown flow, or Salesforce unreachable: the page says so rather than failing as a whole.
            model.addAttribute("error", "Reconciling " + flow + " failed: " + unknownFlowOrSalesforceDown.getMessage());
            return render(Optional.empty(), Optional.empty(), Optional.empty(), 0, request, model);
        }
    }

    private String render(
            Optional<Reconciliation.Report> report,
            Optional<String> entity,
            Optional<String> prmKey,
            int page,
            HttpServletRequest request,
            Model model) {
        Optional<String> chosenEntity = entity.filter(e -> !e.isBlank());
        Optional<String> chosenKey = prmKey.filter(k -> !k.isBlank()).map(String::strip);
        int shown = Math.max(page, 0);
        model.addAttribute("report", report.orElse(null));
        model.addAttribute("flows", flows.names());
        List<ConflictRepository.Conflict> found = conflicts.page(chosenEntity, chosenKey, shown, PAGE_SIZE);
        model.addAttribute("conflicts", found);
        // After a reconciliation (a POST) the links lead back to the plain page.
        model.addAttribute("pager", Pager.of(request, shown, found.size(), PAGE_SIZE));
        model.addAttribute("entity", chosenEntity.orElse(""));
        model.addAttribute("prmKey", chosenKey.orElse(""));
        return "console/reconciliation";
    }
}
