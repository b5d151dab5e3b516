package io.prmsync.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives {@code prm-sync.node-id} its default, host name and process id, before logging starts: the log pattern
 * names the node ({@code logging.pattern.level}), so lines from several nodes can be told apart.
 */
public class NodeIdDefault implements EnvironmentPostProcessor {

    static final String PROPERTY = "prm-sync.node-id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY, "");
        // First, over a blank value (config/application.yaml gives PRM_SYNC_NODE_ID, empty when unset).
        if (configured.isBlank()) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "prm-sync-node-id-default",
                            Map.of(
                                    PROPERTY,
                                    hostName() + "-" + ProcessHandle.current().pid())));
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null || fromEnvironment.isBlank() ? "node" : fromEnvironment;
        }
    }
}
