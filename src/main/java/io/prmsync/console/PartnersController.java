package io.prmsync.console;

import io.prmsync.admin.TierRulesDryRun;
import io.prmsync.program.EngagementEvaluation;
import io.prmsync.program.PartnerDirectory;
import io.prmsync.program.TierEvaluation;
import io.prmsync.tier.Explanation;
import io.prmsync.tier.NextTierNeeds;
import io.prmsync.tier.TierDecision;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Partners and their tiers, from the services {@code /api/partners} and its engagement endpoint use. */
@Controller
class PartnersController {

    static final int PAGE_SIZE = 25;

    private final PartnerDirectory partners;
    private final TierEvaluation evaluation;
    private final EngagementEvaluation engagement;
    private final TierRulesDryRun rules;

    PartnersController(
            PartnerDirectory partners,
            TierEvaluation evaluation,
            EngagementEvaluation engagement,
            TierRulesDryRun rules) {
        this.partners = partners;
        this.evaluation = evaluation;
        this.engagement = engagement;
        this.rules = rules;
    }

    @GetMapping("/console/partners")
    String list(
            @RequestParam Optional<String> q,
            @RequestParam Optional<String> tier,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        Optional<String> text = q.filter(t -> !t.isBlank()).map(String::strip);
        Optional<String> tierCode = tier.filter(t -> !t.isBlank());
        int shown = Math.max(page, 0);
        var found = partners.page(tierCode, text, shown, PAGE_SIZE);
        model.addAttribute("partners", found);
        model.addAttribute("pager", Pager.of(request, shown, found.size(), PAGE_SIZE));
        model.addAttribute("tiers", rules.current().tiers());
        model.addAttribute("q", text.orElse(""));
        model.addAttribute("tier", tierCode.orElse(""));
        return "console/partners";
    }

    @GetMapping("/console/partners/{id}")
    String partner(@PathVariable String id, Model model) {
        PartnerDirectory.Standing standing = partners.standing(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No partner " + id));
        model.addAttribute("standing", standing);
        Optional<TierDecision> decision = evaluation.preview(id);
        Optional<Explanation> explanation = decision.map(TierDecision::explanation);
        model.addAttribute("explanation", explanation.orElse(null));
        model.addAttribute("criteria", explanation.map(ExplanationRows::of).orElse(java.util.List.of()));
        model.addAttribute(
                "next",
                decision.flatMap(d -> NextTierNeeds.of(d.explanation(), d.tier()))
                        .orElse(null));
        model.addAttribute("history", partners.history(id));
        model.addAttribute("engagement", engagement.stored(id).orElse(null));
        return "console/partner";
    }
}
