package io.prmsync.webhook;

import org.springframework.http.HttpStatus;

/** A webhook request refused before anything was stored, with the status and the reason the sender is told. */
public class WebhookRejectedException extends RuntimeException {

    private final HttpStatus status;

    public WebhookRejectedException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    static WebhookRejectedException unauthorized(String detail) {
        return new WebhookRejectedException(HttpStatus.UNAUTHORIZED, detail);
    }

    static WebhookRejectedException badRequest(String detail) {
        return new WebhookRejectedException(HttpStatus.BAD_REQUEST, detail);
    }
}
