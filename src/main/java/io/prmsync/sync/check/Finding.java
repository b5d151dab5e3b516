package io.prmsync.sync.check;

/**
 * One thing the check found: a problem stops the flow until the mapping or the org is fixed; a warning is
 * reported and the flow runs.
 *
 * @param where the mapping file and line
 */
public record Finding(Severity severity, String where, String message) {

    public enum Severity {
        PROBLEM,
        WARNING
    }

    static Finding problem(String where, String message) {
        return new Finding(Severity.PROBLEM, where, message);
    }

    static Finding warning(String where, String message) {
        return new Finding(Severity.WARNING, where, message);
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
