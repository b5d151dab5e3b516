package io.prmsync.salesforce;

import java.io.InputStream;
import java.util.function.Consumer;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** One-off SOQL queries through the Salesforce component, for lookups outside a flow's paging. */
@Component
public class SoqlQueries {

    private final ProducerTemplate template;
    private final QueryPageReader pages;
    private final ApiUsage apiUsage;

    SoqlQueries(ProducerTemplate template, QueryPageReader pages, ApiUsage apiUsage) {
        this.template = template;
        this.pages = pages;
        this.apiUsage = apiUsage;
    }

    /** The first page of the query's result (up to 2,000 records): callers ask for less than that. */
    public QueryPage firstPage(String soql) {
        return call("direct:salesforce-query", soql);
    }

    /** Every page of the query's result, one at a time, so memory holds one page whatever the result's size. */
    public void forEachPage(String soql, Consumer<QueryPage> consumer) {
        QueryPage page = firstPage(soql);
        consumer.accept(page);
        while (page.nextRecordsUrl().isPresent()) {
            page = call("direct:salesforce-query-more", page.nextRecordsUrl().get());
            consumer.accept(page);
        }
    }

    private QueryPage call(String route, String body) {
        Exchange answer = template.request(route, e -> e.getMessage().setBody(body));
        if (answer.getException() != null) {
            throw new CamelExecutionException("Salesforce query failed: " + answer.getException().getMessage(), answer,
                    answer.getException());
        }
        apiUsage.record(answer.getMessage().getHeader(ApiUsage.LIMIT_INFO_HEADER));
        return pages.read(answer.getMessage().getBody(InputStream.class));
    }
}
