package io.prmsync.webhook;

import io.prmsync.store.Direction;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.SyncFlows;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Which flows a webhook event concerns: a PRM change goes out through the outbound flows of its entity, a
 * Salesforce change comes in through the inbound flows that read its sObject type. Decided from the mappings and
 * routes in place, so a new mapping file with routes takes webhooks without code.
 */
@Component
class WebhookTargets {

    /** PRM activities are not synced; they count towards tiers, so an activity re-evaluates its partner. */
    static final String ACTIVITY = "activity";

    static final String PARTNER_ACCOUNT = "partner-account";

    private final SyncFlows flows;
    private final SyncLauncher launcher;

    WebhookTargets(SyncFlows flows, SyncLauncher launcher) {
        this.flows = flows;
        this.launcher = launcher;
    }

    /** The flows that push a PRM entity's changes to Salesforce. */
    List<String> outboundFlows(String entity) {
        return flows.names().stream()
                .filter(flow -> flows.mapper(flow).mapping().entity().equals(entity))
                .filter(flow -> launcher.runs(flow, Direction.OUTBOUND))
                .toList();
    }

    /** The flows that bring a Salesforce object's changes into the PRM store. */
    List<String> inboundFlows(String sObjectType) {
        return flows.names().stream()
                .filter(flow -> flows.mapper(flow).mapping().sObject().equals(sObjectType))
                .filter(flow -> launcher.runs(flow, Direction.INBOUND))
                .toList();
    }

    /** PRM entities a PRM webhook may name. */
    Set<String> prmEntities() {
        Set<String> entities = new TreeSet<>();
        entities.add(ACTIVITY);
        flows.names().stream()
                .filter(flow -> launcher.runs(flow, Direction.OUTBOUND))
                .map(flow -> flows.mapper(flow).mapping().entity())
                .forEach(entities::add);
        return entities;
    }

    /** sObject types a Salesforce webhook may name. */
    Set<String> salesforceTypes() {
        Set<String> types = new TreeSet<>();
        flows.names().stream()
                .filter(flow -> launcher.runs(flow, Direction.INBOUND))
                .map(flow -> flows.mapper(flow).mapping().sObject())
                .forEach(types::add);
        return types;
    }
}
