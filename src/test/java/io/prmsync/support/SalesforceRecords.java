package io.prmsync.support;

import io.prmsync.sandbox.SimulatedOrg;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Records the tests put into the simulated org, written once for the contracts, the timing tests and the bench. */
public final class SalesforceRecords {

    private SalesforceRecords() {}

    /** A partner's certification, as a channel manager enters it: account, code, PRM key, and what else is given. */
    public static String certification(
            SimulatedOrg org, String accountId, String prmKey, String code, Map<String, Object> more) {
        Map<String, Object> fields = new HashMap<>(more);
        fields.put("Account__c", accountId);
        fields.put("Code__c", code);
        fields.put("PRM_Certification_Id__c", prmKey);
        return org.insert("Partner_Certification__c", fields);
    }

    public static String certification(SimulatedOrg org, String accountId, String prmKey, String code) {
        return certification(org, accountId, prmKey, code, Map.of());
    }

    /** A certification issued and expiring on these days. */
    public static String certification(
            SimulatedOrg org, String accountId, String prmKey, String code, LocalDate issued, LocalDate expires) {
        return certification(
                org, accountId, prmKey, code, Map.of("Issued_Date__c", issued, "Expires_Date__c", expires));
    }
}
