package io.prmsync.engagement;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Gives every property of a class the same seed, so two runs generate the same partners and a failure seen once
 * is seen again; {@code -Dengagement.properties.seed=<n>} explores another part of the space. A seed written on a
 * property itself wins.
 */
public class FixedSeed implements AroundPropertyHook {

    static final String SEED = System.getProperty("engagement.properties.seed", "20261214");

    /** Registered on a test class, it has to reach the class's properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        if (context.attributes().seed().filter(seed -> !seed.isEmpty()).isEmpty()) {
            context.attributes().setSeed(SEED);
        }
        return property.execute();
    }
}
