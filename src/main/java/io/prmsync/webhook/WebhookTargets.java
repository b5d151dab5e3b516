package io.prmsync.webhook;

import io.prmsync.store.Direction;
import io.prmsync.sync.route.FlowLeadership;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.SyncFlows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private final FlowLeadership leadership;

    WebhookTargets(SyncFlows flows, SyncLauncher launcher, FlowLeadership leadership) {
        this.flows = flows;
        this.launcher = launcher;
        this.leadership = leadership;
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

    /**
     * The entities (sObject types and PRM entities, as events name them) whose every flow another node leads: with a
     * coordinator their events are left to that leader's drain, which runs them between its own runs of the flow.
     * Another node would have to wait for the flow's lease, which the leader takes for each of those runs.
     */
    Set<String> ledElsewhere() {
        if (!leadership.coordinated()) {
            return Set.of();
        }
        Map<String, List<String>> flowsByName = new java.util.HashMap<>();
        for (String type : salesforceTypes()) {
            flowsByName.computeIfAbsent(type, t -> new ArrayList<>()).addAll(inboundFlows(type));
        }
        for (String entity : prmEntities()) {
            flowsByName
                    .computeIfAbsent(entity, e -> new ArrayList<>())
                    .addAll(outboundFlows(ACTIVITY.equals(entity) ? PARTNER_ACCOUNT : entity));
        }
        Set<String> left = new TreeSet<>();
        flowsByName.forEach((name, named) -> {
            if (!named.isEmpty() && named.stream().allMatch(leadership::ledElsewhere)) {
                left.add(name);
            }
        });
        return left;
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
