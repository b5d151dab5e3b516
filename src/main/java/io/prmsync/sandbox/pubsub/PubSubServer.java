package io.prmsync.sandbox.pubsub;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The Pub/Sub API's gRPC endpoint, in plain text on 127.0.0.1 (Salesforce serves TLS on port 7443). */
public final class PubSubServer implements AutoCloseable {

    private final Server server;
    private final ChangeEvents events;

    private PubSubServer(Server server, ChangeEvents events) {
        this.server = server;
        this.events = events;
    }

    /**
     * @param port       0 picks a free port
     * @param liveToken  whether an access token belongs to a live session
     * @param orgId      the 18-character org id clients must send as tenant id
     */
    public static PubSubServer start(int port, ChangeEvents events, Predicate<String> liveToken, String orgId) {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(ServerInterceptors.intercept(new PubSubService(events), new SessionCheck(liveToken, orgId)))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Pub/Sub API server did not start on port " + port, e);
        }
        return new PubSubServer(server, events);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        events.close();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
