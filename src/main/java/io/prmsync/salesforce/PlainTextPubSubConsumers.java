package io.prmsync.salesforce;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.component.salesforce.PubSubApiConsumer;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Makes every Pub/Sub API consumer connect in plain text, as the built-in sandbox serves it
 * ({@code prm-sync.change-events.plain-text}; see {@link PubSubConnection}). The Salesforce component has
 * no option for this (it always uses TLS, as Salesforce's port 7443 wants); Camel hands each route consumer to the
 * lifecycle strategies before starting it, which is the one moment its connection mode can still be changed.
 */
public final class PlainTextPubSubConsumers extends LifecycleStrategySupport {

    @Override
    public void onServiceAdd(CamelContext context, Service service, Route route) {
        if (service instanceof PubSubApiConsumer consumer) {
            consumer.setUsePlainTextConnection(true);
        }
    }
}
