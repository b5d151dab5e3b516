package io.prmsync.yaml;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every problem found in one configuration file, so that an admin sees all of them at once
 * instead of fixing one error per restart.
 */
public final class ConfigProblems {

    private final String file;
    /** A set: reading the same node twice must not report its problem twice. */
    private final Set<String> messages = new LinkedHashSet<>();

    public ConfigProblems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void add(int line, String path, String message) {
        String where = line > 0 ? file + " line " + line : file;
        messages.add(where + ": " + (path.isEmpty() ? "" : path + " ") + message);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new ConfigInvalidException(List.copyOf(messages));
        }
    }
}
