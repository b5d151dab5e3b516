package io.prmsync.mapping;

import java.util.Map;

/** Which side's value wins for a mapped field. */
public enum FieldOwner {
    SALESFORCE,
    PRM,
    /** Whichever side changed last (LastModifiedDate vs updated_at); ties go to Salesforce. */
    LATEST_WINS;

    static final Map<String, FieldOwner> BY_NAME =
            Map.of("salesforce", SALESFORCE, "prm", PRM, "latest-wins", LATEST_WINS);

    /** True when a change made in Salesforce may flow into the PRM store. */
    public boolean flowsInbound() {
        return this != PRM;
    }

    /** True when a change made in the PRM store may flow to Salesforce. */
    public boolean flowsOutbound() {
        return this != SALESFORCE;
    }
}
