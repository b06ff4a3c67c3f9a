package io.campaignpulse.deploy;

import static io.campaignpulse.support.PackagedArtifact.command;
import static io.campaignpulse.support.PackagedArtifact.freePort;
import static io.campaignpulse.support.PackagedArtifact.status;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service in the prod profile refuses to start with GraphQL reads open by omission, and starts
 * with them open only when the operator says so ({@code pulse.graphql.auth=none}), warning about it.
 */
class SecureByDefaultIT {

    private Process service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutAnAccessModeTheServiceDoesNotStart() throws Exception {
        Path log = Path.of("target/secure-by-default-unset.log");
        int exit = runUntilExit(log, Map.of());
        assertNotEquals(0, exit);
        assertTrue(Files.readString(log).contains("pulse.graphql.auth is not set"), "see " + log);
    }

    @Test
    void tokenModeWithoutAReadTokenDoesNotStart() throws Exception {
        Path log = Path.of("target/secure-by-default-token.log");
        int exit = runUntilExit(log, Map.of("PULSE_GRAPHQL_AUTH", "token"));
        assertNotEquals(0, exit);
        assertTrue(Files.readString(log).contains("pulse.graphql.auth=token needs pulse.graphql.read-token"), "see " + log);
    }

    @Test
    void openReadsStartOnlyWhenAskedForAndAreWarnedAbout() throws Exception {
        Path log = Path.of("target/secure-by-default-none.log");
        int port = freePort();
        // Health answers on the management interface.
        int management = freePort();
        service = start(log, port, Map.of("PULSE_GRAPHQL_AUTH", "none", "QUARKUS_MANAGEMENT_PORT", String.valueOf(management)));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .failFast("the service ended; see " + log, () -> !service.isAlive())
                .until(() -> status(management, "/q/health/ready") == 200);
        String output = Files.readString(log);
        assertTrue(output.contains("WARN") && output.contains("are open to anyone"), "see " + log);
    }

    private int runUntilExit(Path log, Map<String, String> environment) throws Exception {
        service = start(log, freePort(), environment);
        assertTrue(service.waitFor(90, TimeUnit.SECONDS), "the service kept running; see " + log);
        return service.exitValue();
    }

    private static Process start(Path log, int port, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabase.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
        env.put("PULSE_INGEST_HEADER_VALUE", "Bearer secure-by-default-secret");
        // The ITs share this database and deliver events created in 2021: a start at the default retention (90 days)
        // would drop their partitions and move the dedup horizon past them, and later ITs would see them expired.
        env.put("PULSE_RETENTION_EVENTS", "36500d");
        // Not the prod management port 9000, which another instance on this machine may hold.
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(freePort()));
        env.putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }
}
