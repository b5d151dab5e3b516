package io.prmsync.sandbox;

/**
 * Where a write comes from, which decides how it is checked and how Change Data Capture reports it: UI edits are
 * trusted and carry no change origin; API calls name their API, version and client.
 */
record WriteOrigin(Kind kind, String apiVersion, String callOptionsClient) {

    enum Kind {
        UI,
        REST,
        BULK
    }

    static final WriteOrigin UI = new WriteOrigin(Kind.UI, "", null);

    /** A REST call; the client is the one {@code Sforce-Call-Options: client=...} names, if any. */
    static WriteOrigin rest(ApiRequest request) {
        return new WriteOrigin(
                Kind.REST, request.apiVersion(), callOptionsClient(request.header("Sforce-Call-Options")));
    }

    static WriteOrigin bulk(String apiVersion) {
        return new WriteOrigin(Kind.BULK, apiVersion, null);
    }

    /** Direct org edits may set platform-only fields and pass the org's rejection and duplicate rules. */
    boolean trusted() {
        return kind == Kind.UI;
    }

    /**
     * {@code com/salesforce/api/rest/62.0;client=<client>} for REST calls, without a client for Bulk API 2.0, empty
     * for the UI. Assumed: without call options the client is the connected app's consumer key.
     */
    String changeOrigin(String connectedAppClientId) {
        return switch (kind) {
            case UI -> "";
            case REST ->
                "com/salesforce/api/rest/" + apiVersion + ";client="
                        + (callOptionsClient != null ? callOptionsClient : connectedAppClientId);
            case BULK -> "com/salesforce/api/bulk/" + apiVersion;
        };
    }

    String commitUser() {
        return kind == Kind.UI ? SimulatedOrg.UI_USER_ID : SimulatedOrg.USER_ID;
    }

    private static String callOptionsClient(String callOptions) {
        if (callOptions == null) {
            return null;
        }
        for (String option : callOptions.split(",")) {
            String trimmed = option.trim();
            if (trimmed.startsWith("client=")) {
                return trimmed.substring("client=".length());
            }
        }
        return null;
    }
}
