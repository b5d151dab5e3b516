package io.prmsync.mapping;

/** A record whose values cannot be translated under its mapping; the message names record, field and value. */
public class MappingException extends RuntimeException {

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
