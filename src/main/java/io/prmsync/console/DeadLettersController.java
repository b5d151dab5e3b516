package io.prmsync.console;

import io.prmsync.store.DeadLetter;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.sync.ops.DeadLetterReplay;
import io.prmsync.sync.run.FlowBusyException;
import io.prmsync.sync.run.FlowStoppedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Dead letters as {@code /api/dead-letters} lists them, replayed as its replay endpoint does. */
@Controller
class DeadLettersController {

    static final int PAGE_SIZE = 20;

    private final DeadLetterRepository deadLetters;
    private final DeadLetterReplay replay;

    DeadLettersController(DeadLetterRepository deadLetters, DeadLetterReplay replay) {
        this.deadLetters = deadLetters;
        this.replay = replay;
    }

    @GetMapping("/console/dead-letters")
    String list(
            @RequestParam Optional<String> flow,
            @RequestParam Optional<String> errorCode,
            @RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        Optional<String> chosenFlow = flow.filter(f -> !f.isBlank()).map(String::strip);
        Optional<String> chosenCode = errorCode.filter(c -> !c.isBlank()).map(String::strip);
        int shown = Math.max(page, 0);
        List<DeadLetter.Stored> letters = deadLetters.page(chosenFlow, chosenCode, status, shown, PAGE_SIZE);
        model.addAttribute("letters", letters);
        model.addAttribute("flow", chosenFlow.orElse(""));
        model.addAttribute("errorCode", chosenCode.orElse(""));
        model.addAttribute("status", status);
        model.addAttribute("pager", Pager.of(request, shown, letters.size(), PAGE_SIZE));
        return "console/dead-letters";
    }

    /** The letters ticked on the page, replayed together: each flow they name runs once. */
    @PostMapping("/console/dead-letters/replay")
    String replaySelected(
            @RequestParam(name = "id", required = false) List<Long> ids,
            @RequestParam(defaultValue = "") String flow,
            RedirectAttributes redirect) {
        redirect.addAttribute("flow", flow);
        if (ids == null || ids.isEmpty()) {
            redirect.addFlashAttribute("error", "No dead letter was ticked");
            return "redirect:/console/dead-letters";
        }
        List<DeadLetter.Stored> letters = new java.util.ArrayList<>();
        for (long id : ids) {
            Optional<DeadLetter.Stored> letter = deadLetters.find(id);
            if (letter.isEmpty()) {
                redirect.addFlashAttribute("error", "No dead letter " + id + "; none was replayed");
                return "redirect:/console/dead-letters";
            }
            letters.add(letter.get());
        }
        try {
            replay.replayAll(letters);
            redirect.addFlashAttribute(
                    "notice", "Replaying " + letters.size() + " dead letters: each closes when its record syncs");
        } catch (IllegalStateException | FlowStoppedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/dead-letters";
    }

    @PostMapping("/console/dead-letters/{id}/replay")
    String replay(@PathVariable long id, RedirectAttributes redirect) {
        Optional<DeadLetter.Stored> letter = deadLetters.find(id);
        if (letter.isEmpty()) {
            redirect.addFlashAttribute("error", "No dead letter " + id);
        } else {
            try {
                replay.replay(letter.get());
                redirect.addFlashAttribute(
                        "notice",
                        "Replaying dead letter " + id + " (" + letter.get().recordKey()
                                + "): it closes when the record syncs");
            } catch (IllegalStateException | FlowBusyException | FlowStoppedException e) {
                redirect.addFlashAttribute("error", e.getMessage());
            }
        }
        redirect.addAttribute("flow", letter.map(DeadLetter.Stored::flow).orElse(""));
        return "redirect:/console/dead-letters";
    }
}
