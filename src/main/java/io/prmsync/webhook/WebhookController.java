package io.prmsync.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.config.WebhookProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed JSON webhooks. A request is checked in the order that costs an attacker most and us least: media
 * type, size, signature, then content; only then is the event stored, and the answer ({@code 202}) means it is in
 * the inbox and will be synced even if this process dies now.
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookInboxRepository inbox;
    private final WebhookSecrets secrets;
    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final JsonWebhookEvents events;
    private final Clock clock;
    private final WebhookInboxDrain drain;
    private final WebhookRefusals refusals;

    WebhookController(
            WebhookInboxRepository inbox,
            WebhookInboxDrain drain,
            WebhookSecrets secrets,
            WebhookTargets targets,
            WebhookProperties properties,
            ObjectMapper json,
            WebhookRefusals refusals,
            Clock clock) {
        this.refusals = refusals;
        this.inbox = inbox;
        this.drain = drain;
        this.secrets = secrets;
        this.targets = targets;
        this.properties = properties;
        this.events = new JsonWebhookEvents(json);
        this.clock = clock;
    }

    @Operation(
            summary =
                    "A PRM-side change event (JSON), signed with X-PRM-Signature; 202 once it is in the durable inbox")
    @ApiResponse(responseCode = "202", description = "The event is in the durable inbox")
    @ApiResponse(responseCode = "400", description = "The body is not a valid event")
    @ApiResponse(responseCode = "401", description = "Missing, stale or wrong signature")
    @ApiResponse(responseCode = "413", description = "The body is over the size limit")
    @ApiResponse(responseCode = "415", description = "The body is not JSON")
    @PostMapping("/webhooks/prm")
    ResponseEntity<Map<String, Object>> prm(HttpServletRequest request) {
        byte[] body = authenticatedJson(request, secrets.prm());
        String signature = request.getAttribute(SIGNATURE_ATTRIBUTE).toString();
        return accepted(events.prm(body, signature, targets.prmEntities()));
    }

    @Operation(
            summary =
                    "A Salesforce change (JSON, from a Flow or Apex callout), signed with X-PRM-Signature; 202 once it is in the durable inbox")
    @ApiResponse(responseCode = "202", description = "The event is in the durable inbox")
    @ApiResponse(responseCode = "400", description = "The body is not a valid event")
    @ApiResponse(responseCode = "401", description = "Missing, stale or wrong signature")
    @ApiResponse(responseCode = "413", description = "The body is over the size limit")
    @ApiResponse(responseCode = "415", description = "The body is not JSON")
    @PostMapping("/webhooks/salesforce")
    ResponseEntity<Map<String, Object>> salesforce(HttpServletRequest request) {
        byte[] body = authenticatedJson(request, secrets.salesforce());
        String signature = request.getAttribute(SIGNATURE_ATTRIBUTE).toString();
        return accepted(events.salesforce(body, signature, targets.salesforceTypes()));
    }

    private static final String SIGNATURE_ATTRIBUTE = WebhookController.class.getName() + ".signature";

    private byte[] authenticatedJson(HttpServletRequest request, List<byte[]> accepted) {
        refusals.requireNotBlocked(request);
        RequestBodies.requireMediaType(request, MediaType.APPLICATION_JSON);
        byte[] body = RequestBodies.read(request, properties.maxBodySize().toBytes());
        String signature = WebhookSignature.verify(
                request.getHeader(WebhookSignature.HEADER),
                body,
                accepted,
                clock.instant(),
                properties.signatureTolerance());
        request.setAttribute(SIGNATURE_ATTRIBUTE, signature);
        return body;
    }

    private ResponseEntity<Map<String, Object>> accepted(WebhookEvent event) {
        WebhookInboxRepository.Accepted outcome = inbox.accept(event, clock.instant());
        if (outcome == WebhookInboxRepository.Accepted.REPLAY) {
            throw WebhookRejectedException.unauthorized("This exact signed request was received before; a replay is"
                    + " refused (a re-delivery must be signed again)");
        }
        if (outcome == WebhookInboxRepository.Accepted.NEW) {
            drain.wake();
        }
        return ResponseEntity.accepted()
                .body(Map.of(
                        "eventId",
                        event.eventId(),
                        "status",
                        outcome == WebhookInboxRepository.Accepted.NEW ? "accepted" : "duplicate"));
    }

    @ExceptionHandler(WebhookRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(WebhookRejectedException e, HttpServletRequest request) {
        String reason = RequestBodies.oneLine(e.getMessage());
        refusals.counted(request, e.status());
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
            log.debug(
                    "Webhook {} from {} refused with 429: {}",
                    request.getRequestURI(),
                    request.getRemoteAddr(),
                    reason);
        } else {
            log.info(
                    "Webhook {} refused with {}: {}",
                    request.getRequestURI(),
                    e.status().value(),
                    reason);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), reason);
        problem.setInstance(URI.create(request.getRequestURI()));
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "PRM-Signature");
        }
        e.retryAfter()
                .ifPresent(wait -> response.header(
                        HttpHeaders.RETRY_AFTER, String.valueOf(WebhookRefusals.retryAfterSeconds(wait))));
        return response.body(problem);
    }
}
