package io.prmsync.webhook;

import io.prmsync.config.WebhookProperties;
import io.prmsync.salesforce.Soql;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Salesforce Outbound Messages. Salesforce re-sends a message until it gets {@code <Ack>true</Ack>}, so the Ack
 * is only given once every notification is in the inbox; a refused message gets a SOAP fault with a 4xx status
 * and no Ack. Salesforce cannot sign these messages: the endpoint URL's token ({@link OutboundMessageToken}) and
 * the organization id must match.
 */
@RestController
class OutboundMessageController {

    private static final Logger log = LoggerFactory.getLogger(OutboundMessageController.class);
    private static final MediaType TEXT_XML = MediaType.TEXT_XML;
    private static final String ACK = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
              <soapenv:Body>
                <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">
                  <Ack>true</Ack>
                </notificationsResponse>
              </soapenv:Body>
            </soapenv:Envelope>
            """;

    private final WebhookInboxRepository inbox;
    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final Clock clock;
    private final WebhookInboxDrain drain;
    private final OutboundMessageToken token;
    private final WebhookRefusals refusals;

    OutboundMessageController(
            WebhookInboxRepository inbox,
            WebhookInboxDrain drain,
            WebhookTargets targets,
            WebhookProperties properties,
            OutboundMessageToken token,
            WebhookRefusals refusals,
            Clock clock) {
        this.inbox = inbox;
        this.drain = drain;
        this.targets = targets;
        this.properties = properties;
        this.token = token;
        this.refusals = refusals;
        this.clock = clock;
    }

    @Operation(
            summary =
                    "A Salesforce Outbound Message (SOAP); answers the SOAP acknowledgement once its notifications are in the inbox, a SOAP fault otherwise")
    @ApiResponse(
            responseCode = "200",
            description = "The SOAP acknowledgement: the notifications are in the inbox",
            content = @Content(mediaType = "text/xml"))
    @ApiResponse(
            responseCode = "400",
            description = "A SOAP fault: not an Outbound Message, or about an object no flow reads",
            content = @Content(mediaType = "text/xml"))
    @ApiResponse(
            responseCode = "401",
            description = "A SOAP fault: the URL token is missing or wrong",
            content = @Content(mediaType = "text/xml"))
    @ApiResponse(
            responseCode = "403",
            description = "A SOAP fault: sent by another organization",
            content = @Content(mediaType = "text/xml"))
    @PostMapping("/webhooks/salesforce/outbound-message")
    ResponseEntity<String> receive(HttpServletRequest request) {
        refusals.requireNotBlocked(request);
        token.require(request.getParameter("token"));
        RequestBodies.requireMediaType(request, TEXT_XML);
        byte[] body = RequestBodies.read(request, properties.maxBodySize().toBytes());
        OutboundMessages.Message message = OutboundMessages.parse(body);
        requireOrganization(message.organizationId());
        List<String> types = List.copyOf(targets.salesforceTypes());
        for (OutboundMessages.Notification notification : message.notifications()) {
            if (!types.contains(notification.sObjectType())) {
                throw WebhookRejectedException.badRequest("Notification " + notification.notificationId()
                        + " is about a " + notification.sObjectType() + "; no inbound flow reads that object."
                        + " Inbound flows read " + types);
            }
        }
        boolean stored = false;
        for (OutboundMessages.Notification notification : message.notifications()) {
            // Stored one by one: if this fails half-way there is no Ack, and the re-sent message's
            // notifications already stored count as duplicates.
            stored |= WebhookInboxRepository.Accepted.NEW
                    == inbox.accept(
                            new WebhookEvent(
                                    WebhookEvent.OUTBOUND_MESSAGE,
                                    notification.notificationId(),
                                    notification.sObjectType(),
                                    notification.sObjectId(),
                                    "upsert",
                                    null,
                                    null),
                            clock.instant());
        }
        if (stored) {
            drain.wake();
        }
        return ResponseEntity.ok().contentType(TEXT_XML).body(ACK);
    }

    /** Both ids in their 15-character form: Salesforce sends the 18-character one, admins often copy the other. */
    private void requireOrganization(String organizationId) {
        String configured = properties.salesforce().organizationId();
        if (configured == null || configured.isBlank()) {
            throw new WebhookRejectedException(
                    HttpStatus.FORBIDDEN,
                    "No organization id is configured"
                            + " (prm-sync.webhooks.salesforce.organization-id), so no Outbound Message is accepted");
        }
        if (!Soql.isId(organizationId)
                || !organizationId
                        .substring(0, 15)
                        .equals(configured
                                .trim()
                                .substring(0, Math.min(15, configured.trim().length())))) {
            throw new WebhookRejectedException(
                    HttpStatus.FORBIDDEN,
                    "The message comes from organization "
                            + (Soql.isId(organizationId) ? organizationId : "(not an id)")
                            + ", not the configured one");
        }
    }

    @ExceptionHandler(WebhookRejectedException.class)
    ResponseEntity<String> rejected(WebhookRejectedException e, HttpServletRequest request) {
        String reason = RequestBodies.oneLine(e.getMessage());
        refusals.counted(request, e.status());
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
            log.debug("Outbound Message from {} refused with 429: {}", request.getRemoteAddr(), reason);
        } else {
            log.info("Outbound Message refused with {}: {}", e.status().value(), reason);
        }
        String fault = """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                  <soapenv:Body>
                    <soapenv:Fault>
                      <faultcode>soapenv:Client</faultcode>
                      <faultstring>%s</faultstring>
                    </soapenv:Fault>
                  </soapenv:Body>
                </soapenv:Envelope>
                """.formatted(xmlText(reason));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(TEXT_XML);
        e.retryAfter()
                .ifPresent(wait -> response.header(
                        HttpHeaders.RETRY_AFTER, String.valueOf(WebhookRefusals.retryAfterSeconds(wait))));
        return response.body(fault);
    }

    private static String xmlText(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    // Characters XML 1.0 cannot carry at all are dropped rather than sent.
                    boolean allowed = c == 0x9
                            || c == 0xA
                            || c == 0xD
                            || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && (c < 0xD800 || c > 0xDFFF));
                    if (allowed) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
