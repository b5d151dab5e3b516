package io.prmsync.sync;

import io.prmsync.mapping.EntityMapping;
import java.util.Collection;

/**
 * Told about the PRM rows a sync step has just written or sent, inside the same transaction, so that what
 * follows from them (a partner's tier) changes in the same unit of work.
 */
public interface RecordsChangedListener {

    /**
     * @param mapping the mapping of the rows
     * @param prmKeys keys of the rows written to the PRM store or sent to Salesforce
     */
    void recordsChanged(EntityMapping mapping, Collection<String> prmKeys);
}
