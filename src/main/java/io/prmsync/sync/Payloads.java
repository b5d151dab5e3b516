package io.prmsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Record payloads kept with dead letters and parked records: JSON, so a replay can read them back. */
public final class Payloads {

    private Payloads() {}

    public static String json(ObjectMapper mapper, Map<String, ?> fields) {
        try {
            return mapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Record values from JSON or JDBC always serialise", e);
        }
    }
}
