package io.prmsync.sandbox;

/** A failure to inject on the next calls of an endpoint: a Salesforce error answer, or a broken connection. */
public sealed interface SimulatedFailure {

    /** An HTTP error with Salesforce's body {@code [{"message","errorCode"}]}. */
    record HttpError(int status, String errorCode, String message) implements SimulatedFailure {}

    /** The connection misbehaves instead of answering. */
    record ConnectionFault(Kind kind) implements SimulatedFailure {
        public enum Kind {
            CONNECTION_RESET,
            EMPTY_RESPONSE,
            MALFORMED_RESPONSE_CHUNK,
            RANDOM_DATA_THEN_CLOSE
        }
    }

    static SimulatedFailure httpError(int status, String errorCode, String message) {
        return new HttpError(status, errorCode, message);
    }

    static SimulatedFailure serverUnavailable() {
        return new HttpError(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable, please try again later.");
    }

    static SimulatedFailure unableToLockRow() {
        return new HttpError(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record");
    }

    static SimulatedFailure requestLimitExceeded() {
        return new HttpError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    }

    static SimulatedFailure connectionReset() {
        return new ConnectionFault(ConnectionFault.Kind.CONNECTION_RESET);
    }

    static SimulatedFailure emptyResponse() {
        return new ConnectionFault(ConnectionFault.Kind.EMPTY_RESPONSE);
    }
}
