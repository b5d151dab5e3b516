package io.prmsync.console;

import io.prmsync.webhook.WebhookInboxStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The webhook inbox as {@code GET /api/webhooks/inbox} shows it; a failed event retried as its retry endpoint does. */
@Controller
class WebhookInboxPage {

    private final WebhookInboxStatus inbox;

    WebhookInboxPage(WebhookInboxStatus inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/console/webhooks")
    String inbox(Model model) {
        model.addAttribute("inbox", inbox.summary());
        return "console/webhooks";
    }

    @PostMapping("/console/webhooks/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        if (inbox.retry(id)) {
            redirect.addFlashAttribute("notice", "Webhook event " + id + " waits in the inbox again");
        } else {
            redirect.addFlashAttribute("error", "No failed webhook event has id " + id);
        }
        return "redirect:/console/webhooks";
    }
}
