package io.prmsync.sandbox.pubsub;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.function.Predicate;

/**
 * Authenticates every call by the metadata Salesforce wants: a live access token, an instance URL, and the org id
 * as tenant id. Anything else gets UNAUTHENTICATED with the auth error code, on which clients log in again.
 */
final class SessionCheck implements ServerInterceptor {

    private static final Metadata.Key<String> ACCESS_TOKEN =
            Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> INSTANCE_URL =
            Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

    private final Predicate<String> liveToken;
    private final String orgId;

    SessionCheck(Predicate<String> liveToken, String orgId) {
        this.liveToken = liveToken;
        this.orgId = orgId;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String tenant = headers.get(TENANT_ID);
        boolean sameOrg = tenant != null && (tenant.equals(orgId) || tenant.equals(orgId.substring(0, 15)));
        // Assumed: Salesforce's answer to another org's tenant id is not documented; refusing it as an
        // authentication failure is at least as strict.
        if (!liveToken.test(headers.get(ACCESS_TOKEN)) || headers.get(INSTANCE_URL) == null || !sameOrg) {
            StatusRuntimeException refused = PubSubErrors.authError();
            call.close(refused.getStatus(), refused.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
