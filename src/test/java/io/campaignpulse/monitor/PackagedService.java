package io.campaignpulse.monitor;

import static io.campaignpulse.support.PackagedArtifact.command;
import static io.campaignpulse.support.PackagedArtifact.freePort;
import static io.campaignpulse.support.PackagedArtifact.status;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (the jar, or the native executable with -Dnative) run as a process in the prod
 * profile, configured through environment variables as the Deployment does (see deploy/GracefulShutdownIT).
 */
public final class PackagedService implements AutoCloseable {

    public static final String CREDENTIAL = "Bearer monitor-it-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final int port;
    private final Process process;
    private final Path log;

    private PackagedService(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts it on {@code port} against the test database and waits until it is ready. */
    public static PackagedService start(int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command());
        var env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // Health answers on the management interface (its prod port 9000 may be taken by another instance).
        int managementPort = freePort();
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        String database = System.getenv("PULSE_TEST_DATABASE_URL");
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL",
                database == null || database.isBlank() ? "postgresql://127.0.0.1:5432/test" : database);
        env.put("PULSE_INGEST_HEADER_VALUE", CREDENTIAL);
        env.put("PULSE_GRAPHQL_AUTH", "none"); // reads open on purpose: the prod profile refuses to start without a choice
        env.put("PULSE_RETENTION_EVENTS", "36500d"); // the events' fixed `created` times (2021) must not expire meanwhile
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        PackagedService service = new PackagedService(port, builder.start(), log);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .failFast("the service ended; see " + log, () -> !service.process.isAlive())
                .until(() -> status(managementPort, "/q/health/ready") == 200);
        return service;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Delivers the events (a JSON array) as the provider does; asserts the 200. */
    void deliver(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/webhooks/optimizely")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Authorization", CREDENTIAL)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    /** Ends the process as a crash does (SIGKILL): its sockets close without a goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the service did not end; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
