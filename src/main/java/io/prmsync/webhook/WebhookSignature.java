package io.prmsync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-PRM-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">} scheme. Several
 * {@code v1} values may be sent and several secrets configured, so either side can rotate its secret; every
 * pair is compared, in constant time, whatever matched first.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-PRM-Signature";

    private static final int MAX_HEADER_LENGTH = 1024;
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private WebhookSignature() {}

    /** The header value a sender puts on {@code body} at {@code timestamp}. */
    public static String sign(byte[] secret, Instant timestamp, byte[] body) {
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
    }

    /**
     * Checks the header against the body.
     *
     * @return the matching {@code v1} value, which identifies this exact request (a replay repeats it)
     * @throws WebhookRejectedException (401) naming what is wrong: missing, malformed, stale or not matching
     */
    public static String verify(String header, byte[] body, List<byte[]> secrets, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            throw WebhookRejectedException.unauthorized("The " + HEADER + " header is missing");
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            throw WebhookRejectedException.unauthorized(
                    "The " + HEADER + " header is longer than " + MAX_HEADER_LENGTH + " characters");
        }
        Long timestamp = null;
        List<String> candidates = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
            String value = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null || !SECONDS.matcher(value).matches()) {
                    throw malformed("'t' must appear once, as whole seconds since the epoch");
                }
                timestamp = Long.parseLong(value);
            } else if (key.equals("v1")) {
                if (!HEX_SHA256.matcher(value).matches()) {
                    throw malformed("every 'v1' must be 64 hex digits (an HMAC-SHA256)");
                }
                candidates.add(value.toLowerCase(Locale.ROOT));
            }
            // Other schemes (v0, a future v2) are skipped, so senders can add one before we support it.
        }
        if (timestamp == null || candidates.isEmpty()) {
            throw malformed("it needs t=<unix seconds> and at least one v1=<hex HMAC-SHA256>");
        }
        long skew = Math.abs(now.getEpochSecond() - timestamp);
        if (skew > tolerance.toSeconds()) {
            throw WebhookRejectedException.unauthorized("The signature's timestamp is " + skew
                    + " s away from this server's clock; at most " + tolerance.toSeconds() + " s are accepted");
        }
        if (secrets.isEmpty()) {
            throw WebhookRejectedException.unauthorized(
                    "No secret is configured for this webhook, so no signature" + " can be accepted");
        }
        String matched = null;
        for (byte[] secret : secrets) {
            byte[] expected = hmac(secret, timestamp, body);
            for (String candidate : candidates) {
                if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(candidate)) && matched == null) {
                    matched = candidate;
                }
            }
        }
        if (matched == null) {
            throw WebhookRejectedException.unauthorized("No v1 signature matches the body with a configured secret");
        }
        return matched;
    }

    private static WebhookRejectedException malformed(String why) {
        return WebhookRejectedException.unauthorized("The " + HEADER + " header is malformed: " + why);
    }

    private static byte[] hmac(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
