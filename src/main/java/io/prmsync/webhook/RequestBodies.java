package io.prmsync.webhook;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Reads webhook bodies within a size limit and checks their media type before anything parses them. */
final class RequestBodies {

    private RequestBodies() {}

    static void requireMediaType(HttpServletRequest request, MediaType... accepted) {
        String header = request.getContentType();
        MediaType actual;
        try {
            actual = header == null ? null : MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            actual = null;
        }
        for (MediaType type : accepted) {
            if (actual != null && type.equalsTypeAndSubtype(actual)) {
                return;
            }
        }
        throw new WebhookRejectedException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be "
                        + Arrays.toString(accepted)
                        + (header == null
                                ? "; none was given"
                                : ", not '" + (header.length() > 100 ? header.substring(0, 100) + "…" : header) + "'"));
    }

    /** The whole body, or 413 once it passes {@code limit} bytes (at once when Content-Length says so). */
    static byte[] read(HttpServletRequest request, long limit) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("The body could not be read: " + e.getMessage());
        }
    }

    private static WebhookRejectedException tooLarge(long limit) {
        return new WebhookRejectedException(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "The body is larger than the " + limit + "-byte limit (prm-sync.webhooks.max-body-size)");
    }

    /** A refusal's reason as it goes to the log and back to the sender: one line, no control characters, bounded. */
    static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", "?");
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
