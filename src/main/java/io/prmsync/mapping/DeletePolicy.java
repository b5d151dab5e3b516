package io.prmsync.mapping;

import java.util.Map;

/**
 * What a deletion on one side does to the other.
 *
 * @param fromSalesforce a record deleted in Salesforce: SOFT_DELETE marks the PRM row deleted, IGNORE keeps it
 * @param fromPrm a PRM row marked deleted: DEACTIVATE writes {@code deactivateWith} to Salesforce,
 *     IGNORE leaves it
 */
public record DeletePolicy(FromSalesforce fromSalesforce, FromPrm fromPrm, Map<String, Object> deactivateWith) {

    public enum FromSalesforce {
        SOFT_DELETE,
        IGNORE
    }

    public enum FromPrm {
        DEACTIVATE,
        IGNORE
    }

    public DeletePolicy {
        deactivateWith = Map.copyOf(deactivateWith);
    }
}
