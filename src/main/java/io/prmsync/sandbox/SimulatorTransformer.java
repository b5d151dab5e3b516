package io.prmsync.sandbox;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The single WireMock extension: every request comes through here, is counted, may meet an injected failure,
 * is checked for a session and for API budget, and is then answered by its handler.
 */
final class SimulatorTransformer implements ResponseDefinitionTransformerV2 {

    static final String LIMIT_HEADER = "Sforce-Limit-Info";

    private final Router router;
    private final TokenService tokens;
    private final SimulatedOrg org;
    private final FaultKnobs faults;
    private final RequestCounters counters;

    SimulatorTransformer(
            Router router, TokenService tokens, SimulatedOrg org, FaultKnobs faults, RequestCounters counters) {
        this.router = router;
        this.tokens = tokens;
        this.org = org;
        this.faults = faults;
        this.counters = counters;
    }

    @Override
    public String getName() {
        return "prm-sync-salesforce-simulator";
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ApiRequest request = ApiRequest.from(serveEvent.getRequest());
        Router.Route route = router.resolve(request);
        counters.increment(route.endpoint());
        ApiResponse response = faults.takeFailure(route.endpoint()).orElseGet(() -> {
            ApiResponse served = serve(route, request);
            faults.served(route.endpoint());
            return served;
        });
        return response.toDefinition(faults.delay(route.endpoint()));
    }

    private ApiResponse serve(Router.Route route, ApiRequest request) {
        if (!route.authenticated()) {
            return handle(route, request);
        }
        if (!request.sessionToken().map(tokens::isValid).orElse(false)) {
            return ApiException.of(401, "INVALID_SESSION_ID", "Session expired or invalid")
                    .toResponse()
                    .withHeader("WWW-Authenticate", "Token");
        }
        ApiUsage usage = org.usage();
        if (!usage.tryAcquire()) {
            return ApiException.of(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
                    .toResponse()
                    .withHeader(LIMIT_HEADER, usage.header());
        }
        return handle(route, request).withHeader(LIMIT_HEADER, usage.header());
    }

    private static ApiResponse handle(Router.Route route, ApiRequest request) {
        try {
            return route.handler().handle(request);
        } catch (ApiException e) {
            return e.toResponse();
        } catch (RuntimeException e) {
            // An answer, not a dropped connection, so a simulator bug shows up as a readable test failure.
            return ApiException.of(500, "UNKNOWN_EXCEPTION", "Simulator error: " + e)
                    .toResponse();
        }
    }
}
