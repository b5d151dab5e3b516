package io.prmsync.sync.route;

import io.prmsync.config.FlowProperties;
import io.prmsync.sync.run.SyncFlows;
import io.prmsync.yaml.ConfigInvalidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One definition per flow, checked when the service starts: every mapping file has a flow in
 * {@code prm-sync.flows} and a route, every route made from a flow template names a flow that has a mapping, and
 * every scheduled direction has its route. Any mismatch stops start-up, each problem with where it is. A route made
 * from a flow template is known by its endpoint, {@code direct:<flow>-<direction>}, which the templates build from
 * their {@code flow} parameter.
 */
@Component
class FlowRoutesCheck {

    private static final Pattern FLOW_ROUTE = Pattern.compile("direct://(.+)-(inbound|outbound)");

    private final SyncFlows mappings;
    private final FlowProperties flows;
    private final CamelContext camel;
    private final RouteFiles routeFiles;

    FlowRoutesCheck(
            SyncFlows mappings,
            FlowProperties flows,
            CamelContext camel,
            @Value("${camel.main.routes-include-pattern:}") String routesIncludePattern) {
        this.mappings = mappings;
        this.flows = flows;
        this.camel = camel;
        this.routeFiles = new RouteFiles(routesIncludePattern);
    }

    /** Once every route is loaded and started, before the service reports ready. */
    @EventListener(ApplicationReadyEvent.class)
    void check() {
        List<String> problems = problems(flowRoutes(camel));
        if (!problems.isEmpty()) {
            throw new ConfigInvalidException(problems);
        }
    }

    /** A route made from a flow template: its id, the flow it names and the file it comes from. */
    record FlowRoute(String routeId, String flow, String direction, String location) {}

    List<String> problems(List<FlowRoute> routes) {
        List<String> problems = new ArrayList<>();
        Set<String> routed = new TreeSet<>();
        for (FlowRoute route : routes) {
            routed.add(route.flow());
            if (!mappings.names().contains(route.flow())) {
                problems.add(route.location() + ": route " + route.routeId() + " names flow '" + route.flow()
                        + "', which no mapping defines; known flows: " + mappings.names());
            } else if (!flows.flows().containsKey(route.flow())
                    || flows.flows()
                            .get(route.flow())
                            .inDirection(route.direction())
                            .isEmpty()) {
                problems.add(route.location() + ": route " + route.routeId() + " has no schedule: set prm-sync.flows."
                        + route.flow() + "." + route.direction() + ".period in config/application.yaml");
            }
        }
        for (String flow : mappings.names()) {
            if (!routed.contains(flow)) {
                problems.add("mapping of flow '" + flow + "' has no route: no routes/*.camel.yaml file makes a route"
                        + " from the inbound-flow or outbound-flow template with flow " + flow);
            }
        }
        Map<String, String> routeIds = new TreeMap<>();
        routes.forEach(route -> routeIds.put(route.routeId(), route.location()));
        flows.flows().forEach((flow, definition) -> {
            if (!mappings.names().contains(flow)) {
                problems.add("prm-sync.flows." + flow + " names no mapping file (config/mappings/" + flow + ".yaml)");
                return;
            }
            for (String direction : FlowSchedules.DIRECTIONS) {
                if (definition.inDirection(direction).isPresent() && !routeIds.containsKey(flow + "-" + direction)) {
                    problems.add("prm-sync.flows." + flow + "." + direction + " is scheduled, but no route file makes"
                            + " route " + flow + "-" + direction);
                }
            }
        });
        return problems;
    }

    private List<FlowRoute> flowRoutes(CamelContext camel) {
        List<FlowRoute> routes = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            Matcher from = FLOW_ROUTE.matcher(route.getEndpoint().getEndpointUri());
            if (route.isCreatedByRouteTemplate() && from.matches()) {
                String location = routeFiles.whereIs(route.getRouteId());
                routes.add(new FlowRoute(route.getRouteId(), from.group(1), from.group(2), location));
            }
        }
        return routes;
    }
}
