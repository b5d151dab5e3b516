package io.prmsync.engagement;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The PRACT path, lowest first; the codes are what the store and Salesforce keep. */
public enum PractStage {
    PERCEPTION,
    READINESS,
    ACTIVATE,
    COLLABORATION,
    TRUST;

    public String code() {
        return name();
    }

    static String codes() {
        return Arrays.stream(values()).map(PractStage::code).collect(Collectors.joining(", "));
    }
}
