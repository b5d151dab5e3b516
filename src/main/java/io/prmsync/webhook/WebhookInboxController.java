package io.prmsync.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The admin's view of the webhook inbox: how many events wait, how old the oldest is, which ones failed. */
@RestController
class WebhookInboxController {

    private final WebhookInboxStatus inbox;

    WebhookInboxController(WebhookInboxStatus inbox) {
        this.inbox = inbox;
    }

    record InboxStatus(Map<String, Long> events, Instant oldestWaitingSince, List<FailedWebhookEvent> failed) {}

    @Operation(summary = "The webhook inbox: events by status, the oldest waiting, and failed events with their errors")
    @GetMapping("/api/webhooks/inbox")
    InboxStatus status() {
        WebhookInboxStatus.Summary summary = inbox.summary();
        return new InboxStatus(summary.events(), summary.oldestWaitingSince(), summary.failed());
    }

    /** Queues a failed event again once its cause is fixed. */
    @Operation(summary = "Queues a failed webhook event again")
    @ApiResponse(responseCode = "202", description = "The event waits in the inbox again")
    @ApiResponse(responseCode = "404", description = "No failed webhook event has that id")
    @PostMapping("/api/webhooks/inbox/{id}/retry")
    ResponseEntity<Map<String, Object>> retry(@PathVariable long id) {
        if (!inbox.retry(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No failed webhook event has id " + id);
        }
        return ResponseEntity.accepted().body(Map.of("id", id, "status", "PENDING"));
    }
}
