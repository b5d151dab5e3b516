package io.prmsync.sandbox.boot;

import io.prmsync.config.StartRefusedException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox syncs a simulated, seeded org. Against a store it did not create (a deployment that forgot
 * {@code SPRING_PROFILES_ACTIVE}) it would write that fake program into the real PRM database, so it accepts only
 * an embedded H2 database (in memory or in a local file) unless told otherwise. An H2 server ({@code tcp:},
 * {@code ssl:}) is somebody else's store and is refused like any other database.
 */
final class SandboxStoreCheck {

    static final String ALLOW_PROPERTY = "prm-sync.sandbox.allow-external-store";
    static final String ALLOW_VARIABLE = "PRM_SYNC_SANDBOX_ALLOW_EXTERNAL_STORE";

    private SandboxStoreCheck() {}

    /**
     * @param urls the JDBC URLs the service would use, by the property that gives each (unset ones left out)
     * @param allowExternalStore the operator asked for the sandbox on another database
     * @throws StartRefusedException naming the first URL that is not the sandbox's own and what to set
     */
    static void requireOwnStore(Map<String, String> urls, boolean allowExternalStore) {
        if (allowExternalStore) {
            return;
        }
        Optional<Map.Entry<String, String>> foreign = urls.entrySet().stream()
                .filter(url -> !isEmbeddedH2(url.getValue()))
                .findFirst();
        foreign.ifPresent(url -> {
            throw new StartRefusedException(
                    "The sandbox profile (the default when SPRING_PROFILES_ACTIVE is unset) runs a simulated, seeded"
                            + " Salesforce org, and refuses to sync it into a database it did not create: "
                            + url.getKey() + " is " + withoutSecrets(url.getValue())
                            + ", not an embedded H2 database.",
                    "To sync a real org, set SPRING_PROFILES_ACTIVE=org (any profile but sandbox) with the org's"
                            + " credentials (README: \"Connecting a real org\"). To demonstrate the sandbox on this"
                            + " database, set " + ALLOW_VARIABLE + "=true (" + ALLOW_PROPERTY + ").");
        });
    }

    static boolean isEmbeddedH2(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return false;
        }
        String mode = lower.substring("jdbc:h2:".length());
        return !mode.startsWith("tcp:") && !mode.startsWith("ssl:");
    }

    /** Credentials may ride in a URL's user info or parameters; the refusal names the database only. */
    static String withoutSecrets(String url) {
        String bare = url.trim().split("[?;]", 2)[0];
        return bare.replaceFirst("//[^/@]*@", "//");
    }
}
