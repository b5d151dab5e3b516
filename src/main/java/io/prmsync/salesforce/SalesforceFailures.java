package io.prmsync.salesforce;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/**
 * Sorts a failed Salesforce call into what to do about it. Transient failures are retried with backoff; a
 * throttled org is left alone for a long while; a session the component could not renew and permanent failures
 * are not retried at all (retrying a validation error only burns API calls).
 */
public final class SalesforceFailures {

    public enum Kind {
        /** 5xx, timeouts, broken connections, {@code UNABLE_TO_LOCK_ROW}, {@code QUERY_TIMEOUT}: retry with backoff. */
        TRANSIENT,
        /** {@code REQUEST_LIMIT_EXCEEDED}: concurrency or daily allocation spent; pause, do not hammer. */
        THROTTLED,
        /** 401 after the component's own re-login and resend: credentials are wrong or revoked. */
        SESSION,
        /** The circuit breaker is open: Salesforce failed too often lately; the call was not made. */
        CIRCUIT_OPEN,
        /** Validation, missing or invalid fields, duplicates, deleted entities, anything unknown: never retried. */
        PERMANENT
    }

    /** Per-record error codes (sObject Collections results) worth sending again later. */
    public static final Set<String> TRANSIENT_CODES = Set.of(
            "UNABLE_TO_LOCK_ROW",
            "SERVER_UNAVAILABLE",
            "QUERY_TIMEOUT",
            "REQUEST_RUNNING_TOO_LONG",
            "TXN_SECURITY_METERING_ERROR");

    private static final String THROTTLED_CODE = "REQUEST_LIMIT_EXCEEDED";

    private SalesforceFailures() {}

    public static Kind classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CallNotPermittedException) {
                return Kind.CIRCUIT_OPEN;
            }
            if (cause instanceof SalesforceException salesforce) {
                return classify(salesforce);
            }
            if (cause instanceof SocketTimeoutException
                    || cause instanceof TimeoutException
                    || cause instanceof IOException) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.PERMANENT;
    }

    private static Kind classify(SalesforceException failure) {
        List<String> codes = errorCodes(failure);
        if (codes.contains(THROTTLED_CODE)) {
            return Kind.THROTTLED;
        }
        if (codes.stream().anyMatch(TRANSIENT_CODES::contains)) {
            return Kind.TRANSIENT;
        }
        int status = failure.getStatusCode();
        if (status == 401) {
            return Kind.SESSION;
        }
        if (status >= 500 || status == 408) {
            return Kind.TRANSIENT;
        }
        if (status == 0 && failure.getCause() != null) {
            // No answer at all: the request never completed (connection reset, empty response, timeout).
            return classify(failure.getCause()) == Kind.PERMANENT ? Kind.TRANSIENT : classify(failure.getCause());
        }
        return Kind.PERMANENT;
    }

    /** The first Salesforce error code the failure carries, for status and dead letters. */
    public static Optional<String> errorCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SalesforceException salesforce) {
                return errorCodes(salesforce).stream().findFirst();
            }
        }
        return Optional.empty();
    }

    private static List<String> errorCodes(SalesforceException failure) {
        List<RestError> errors = failure.getErrors();
        return errors == null
                ? List.of()
                : errors.stream()
                        .map(RestError::getErrorCode)
                        .filter(java.util.Objects::nonNull)
                        .toList();
    }

    /** For the route's retry: only transient failures are sent again. */
    public static boolean isTransient(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    /** What the circuit breaker counts against the org: failures that say Salesforce itself is in trouble. */
    public static boolean countsAgainstOrg(Throwable failure) {
        Kind kind = classify(failure);
        return kind == Kind.TRANSIENT || kind == Kind.THROTTLED;
    }
}
