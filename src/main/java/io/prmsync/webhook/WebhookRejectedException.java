package io.prmsync.webhook;

import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/** A webhook request refused before anything was stored, with the status and the reason the sender is told. */
public class WebhookRejectedException extends RuntimeException {

    private final HttpStatus status;
    private final Duration retryAfter;

    public WebhookRejectedException(HttpStatus status, String detail) {
        this(status, detail, null);
    }

    private WebhookRejectedException(HttpStatus status, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    /** How long the sender should wait before trying again, for a 429. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    static WebhookRejectedException tooManyRefusals(String detail, Duration retryAfter) {
        return new WebhookRejectedException(HttpStatus.TOO_MANY_REQUESTS, detail, retryAfter);
    }

    static WebhookRejectedException unauthorized(String detail) {
        return new WebhookRejectedException(HttpStatus.UNAUTHORIZED, detail);
    }

    static WebhookRejectedException badRequest(String detail) {
        return new WebhookRejectedException(HttpStatus.BAD_REQUEST, detail);
    }
}
