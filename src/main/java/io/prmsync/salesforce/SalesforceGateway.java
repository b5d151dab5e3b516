package io.prmsync.salesforce;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.springframework.stereotype.Component;

/**
 * The one door to Salesforce. Each operation is a route made from the {@code salesforce-call} template
 * ({@code routes/templates/salesforce-call.camel.yaml}): the Salesforce component behind the shared circuit breaker,
 * with transient failures retried there. A failure that is not retried, or outlasts its retries, comes back here
 * and leaves as an ordinary {@link SalesforceCallException}. Every answer's API usage is recorded.
 */
@Component
public class SalesforceGateway {

    private final ProducerTemplate template;
    private final QueryPageReader pages;
    private final ApiUsage apiUsage;
    private final SalesforceMetrics metrics;

    SalesforceGateway(ProducerTemplate template, QueryPageReader pages, ApiUsage apiUsage, SalesforceMetrics metrics) {
        this.metrics = metrics;
        this.template = template;
        this.pages = pages;
        this.apiUsage = apiUsage;
    }

    /** Calls that tell {@code onEachCall} about every request they make (a run counting its API calls). */
    public SalesforceCalls calls(Runnable onEachCall) {
        return new SalesforceCalls(this, onEachCall);
    }

    /** Calls nobody counts (lookups made once per service start). */
    public SalesforceCalls calls() {
        return calls(() -> {});
    }

    QueryPageReader pages() {
        return pages;
    }

    /** The REST API version the Salesforce component is configured with; composite subrequests name it. */
    String apiVersion() {
        return template.getCamelContext()
                .getComponent("salesforce", SalesforceComponent.class)
                .getConfig()
                .getApiVersion();
    }

    /**
     * The user the service logs in as (the last part of the token's identity URL, {@code .../id/<org>/<user>}):
     * changes it commits are the service's own. Empty before the first login.
     */
    public java.util.Optional<String> integrationUserId() {
        var session = template.getCamelContext()
                .getComponent("salesforce", SalesforceComponent.class)
                .getSession();
        String identity = session == null ? null : session.getId();
        if (identity == null || identity.endsWith("/")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(identity.substring(identity.lastIndexOf('/') + 1));
    }

    /** Sends one request through the operation's guarded route and returns the answer. */
    Message call(String operation, Object body, Map<String, Object> headers) {
        long started = System.nanoTime();
        Exchange answer = template.send(SalesforceOperation.endpoint(operation), exchange -> {
            exchange.getMessage().setHeaders(new HashMap<>(headers));
            exchange.getMessage().setBody(body);
        });
        metrics.call(operation, Duration.ofNanos(System.nanoTime() - started), answer.getException());
        if (answer.getException() != null) {
            throw new SalesforceCallException(operation, answer.getException());
        }
        // The component copies Sforce-* response headers onto the message; they are read here and nowhere else.
        apiUsage.record(answer.getMessage().removeHeader(ApiUsage.LIMIT_INFO_HEADER));
        return answer.getMessage();
    }
}
