package io.prmsync.sync;

import java.util.HashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a flow's records through the shared Bulk API 2.0 routes ({@code routes/salesforce-bulk.camel.yaml}) and
 * brings their outcome back to the flow. A failure comes back as a new exception raised in the flow's own step:
 * Camel does not hand a failure a sub-route's error handler has already dealt with (its retries spent) on to
 * the calling route's error handler, which is the one that ends the run failed.
 */
@Component("bulkRoutes")
public class BulkRoutes {

    static final String QUERY_JOB_ROUTE = "direct:salesforce-bulk-query";
    static final String INGEST_JOB_ROUTE = "direct:salesforce-bulk-write";

    /** A failure of a bulk route, already retried there as far as it should be. */
    public static final class BulkCallFailedException extends RuntimeException {
        BulkCallFailedException(Throwable cause) {
            super("Bulk API 2.0: " + cause.getMessage(), cause);
        }
    }

    private final ProducerTemplate template;

    BulkRoutes(ProducerTemplate template) {
        this.template = template;
    }

    public void readWithQueryJob(Exchange exchange) {
        run(QUERY_JOB_ROUTE, exchange);
    }

    public void writeWithIngestJob(Exchange exchange) {
        run(INGEST_JOB_ROUTE, exchange);
    }

    private void run(String route, Exchange exchange) {
        Exchange done = template.send(route, job -> {
            job.getProperties().putAll(exchange.getProperties());
            job.getMessage().setHeaders(new HashMap<>(exchange.getMessage().getHeaders()));
        });
        exchange.getProperties().putAll(done.getProperties());
        if (done.getException() != null) {
            throw new BulkCallFailedException(done.getException());
        }
    }

    static boolean isRetriedAlready(Throwable failure) {
        return failure instanceof BulkCallFailedException;
    }
}
