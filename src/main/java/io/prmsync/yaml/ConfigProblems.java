package io.prmsync.yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem found in one configuration file, so that an admin sees all of them at once
 * instead of fixing one error per restart.
 */
public final class ConfigProblems {

    private final String file;
    private final List<String> messages = new ArrayList<>();

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
            throw new ConfigInvalidException(messages);
        }
    }
}
