package io.prmsync.salesforce;

import io.prmsync.mapping.SalesforceRecord;
import java.util.List;
import java.util.Optional;

/** One page of a SOQL result: its records and, unless it is the last, the locator of the next page. */
public record QueryPage(long totalSize, List<SalesforceRecord> records, Optional<String> nextRecordsUrl) {}
