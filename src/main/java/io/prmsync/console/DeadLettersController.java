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
            @RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        Optional<String> chosenFlow = flow.filter(f -> !f.isBlank());
        int shown = Math.max(page, 0);
        List<DeadLetter.Stored> letters = deadLetters.page(chosenFlow, Optional.empty(), status, shown, PAGE_SIZE);
        model.addAttribute("letters", letters);
        model.addAttribute("flow", chosenFlow.orElse(""));
        model.addAttribute("status", status);
        model.addAttribute("pager", Pager.of(request, shown, letters.size(), PAGE_SIZE));
        return "console/dead-letters";
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
