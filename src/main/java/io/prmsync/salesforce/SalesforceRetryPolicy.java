package io.prmsync.salesforce;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The guarded call routes' question "send this Salesforce call again?": yes for transient failures only. */
@Component("salesforceRetryPolicy")
public class SalesforceRetryPolicy {

    public boolean isTransient(Exchange exchange) {
        Throwable failure = exchange.getException() != null
                ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure != null && SalesforceFailures.isTransient(failure);
    }
}
