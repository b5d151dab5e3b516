package io.prmsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class NodeIdDefaultTest {

    @Test
    void aBlankNodeIdBecomesTheHostNameAndProcessId() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("config", Map.of(NodeIdDefault.PROPERTY, "")));

        new NodeIdDefault().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(NodeIdDefault.PROPERTY))
                .endsWith("-" + ProcessHandle.current().pid())
                .hasSizeGreaterThan(("-" + ProcessHandle.current().pid()).length());
    }

    @Test
    void aConfiguredNodeIdStays() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("config", Map.of(NodeIdDefault.PROPERTY, "pod-7")));

        new NodeIdDefault().postProcessEnvironment(environment, null);

        assertThat(new NodeIdentity(environment.getProperty(NodeIdDefault.PROPERTY)).id())
                .isEqualTo("pod-7");
    }
}
