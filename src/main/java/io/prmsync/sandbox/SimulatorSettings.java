package io.prmsync.sandbox;

import java.util.Objects;

/**
 * How the simulated org accepts logins and counts calls.
 *
 * @param port          0 picks a free port
 * @param apiVersion    the version advertised by {@code GET /services/data}; every {@code vNN.N} is served
 * @param dailyApiLimit the {@code DailyApiRequests} budget reported in {@code Sforce-Limit-Info}
 */
public record SimulatorSettings(
        int port,
        String clientId,
        String clientSecret,
        String username,
        String password,
        String apiVersion,
        long dailyApiLimit) {

    public SimulatorSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (apiVersion == null || !apiVersion.matches("\\d{2}\\.\\d")) {
            throw new IllegalArgumentException("apiVersion must look like 62.0: " + apiVersion);
        }
        if (dailyApiLimit < 1) {
            throw new IllegalArgumentException("dailyApiLimit must be positive: " + dailyApiLimit);
        }
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(
                0,
                "prm-sync-sandbox-client",
                "prm-sync-sandbox-secret",
                "integration@prm-sync.sandbox",
                "sandbox-password",
                "62.0",
                100_000);
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(newPort, clientId, clientSecret, username, password, apiVersion, dailyApiLimit);
    }

    public SimulatorSettings withDailyApiLimit(long limit) {
        return new SimulatorSettings(port, clientId, clientSecret, username, password, apiVersion, limit);
    }

    /** Keeps the secret and the password out of logs. */
    @Override
    public String toString() {
        return "SimulatorSettings[port=" + port + ", clientId=" + clientId + ", clientSecret=******, username="
                + username + ", password=******, apiVersion=" + apiVersion + ", dailyApiLimit=" + dailyApiLimit + "]";
    }
}
