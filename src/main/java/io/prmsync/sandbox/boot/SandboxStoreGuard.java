package io.prmsync.sandbox.boot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs {@link SandboxStoreCheck} once every property source is in place (command line, environment, secret files,
 * test properties) and before any bean is made: no connection opened, no Flyway migration, no seeded org, no sync.
 */
class SandboxStoreGuard implements BeanFactoryPostProcessor {

    /** Every property that names a database the service would write to: the store itself, and Flyway's own. */
    private static final List<String> URL_PROPERTIES =
            List.of("spring.datasource.url", "spring.datasource.hikari.jdbc-url", "spring.flyway.url");

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Binder binder = Binder.get(beanFactory.getBean(ConfigurableEnvironment.class));
        Map<String, String> urls = new LinkedHashMap<>();
        for (String property : URL_PROPERTIES) {
            binder.bind(property, String.class).map(String::trim).ifBound(url -> {
                if (!url.isEmpty()) {
                    urls.put(property, url);
                }
            });
        }
        boolean allowed =
                binder.bind(SandboxStoreCheck.ALLOW_PROPERTY, Boolean.class).orElse(false);
        SandboxStoreCheck.requireOwnStore(urls, allowed);
    }
}
