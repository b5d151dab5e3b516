package io.prmsync.config;

/**
 * The service refuses to start with these settings because they would do harm (sync a simulated org into a real
 * store, take unauthenticated Outbound Messages): what is wrong, and what to set instead.
 */
public class StartRefusedException extends RuntimeException {

    private final String problem;
    private final String action;

    public StartRefusedException(String problem, String action) {
        super(problem + " " + action);
        this.problem = problem;
        this.action = action;
    }

    /** What is wrong with the settings. */
    public String problem() {
        return problem;
    }

    /** What to set to start anyway, or instead. */
    public String action() {
        return action;
    }
}
