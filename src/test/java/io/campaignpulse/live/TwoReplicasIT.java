package io.campaignpulse.live;

import static io.campaignpulse.live.LiveTestData.event;
import static io.campaignpulse.live.LiveTestData.eventId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/**
 * Two instances of the packaged service on one database, as two replicas behind a Service: an event
 * ingested on either reaches the subscribers of both, through LISTEN/NOTIFY only.
 */
class TwoReplicasIT {

    private static final String CREDENTIAL = "Bearer two-replicas-secret";
    private static final Pattern OPEN_GAUGE = Pattern.compile("(?m)^pulse_subscriptions_open(?:\\{[^}]*})? ([0-9.]+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> replicas = new ArrayList<>();
    /** Each replica's management port (health, metrics) by its public port. */
    private final Map<Integer, Integer> managementPorts = new java.util.HashMap<>();

    @AfterEach
    void stopReplicas() throws InterruptedException {
        for (Process replica : replicas) {
            replica.destroy();
            if (!replica.waitFor(20, TimeUnit.SECONDS)) {
                replica.destroyForcibly();
            }
        }
    }

    @Test
    void eventsIngestedOnOneReplicaReachSubscribersOfBoth() throws Exception {
        int portA = start("a");
        int portB = start("b");
        long mailing = LiveTestData.newMailingId();
        String query = "subscription($filter: EventFilter) { events(filter: $filter) { eventId mailingId } }";
        Map<String, Object> variables = Map.of("filter", Map.of("mailingId", mailing));

        try (GraphQLWsClient onA = GraphQLWsClient.connect(URI.create("http://localhost:" + portA + "/graphql"), GraphQLWsClient.TRANSPORT_WS);
                GraphQLWsClient onB = GraphQLWsClient.connect(URI.create("http://localhost:" + portB + "/graphql"), GraphQLWsClient.LEGACY_WS)) {
            onA.subscribe("1", query, variables);
            onB.subscribe("1", query, variables);
            await().atMost(Duration.ofSeconds(20)).until(() -> openSubscriptions(portA) == 1 && openSubscriptions(portB) == 1);

            String viaA = event("open", mailing, "a@example.com");
            String viaB = event("click", mailing, "b@example.com");
            ingest(portA, viaA);
            // wait for the first on both, so that the two deliveries commit in a known order
            onB.awaitData("1", "events", 1);
            ingest(portB, viaB);

            List<String> expected = List.of(eventId(viaA), eventId(viaB));
            assertEquals(expected, onA.awaitData("1", "events", 2).stream().map(e -> e.getString("eventId")).toList());
            assertEquals(expected, onB.awaitData("1", "events", 2).stream().map(e -> e.getString("eventId")).toList());
        }
    }

    private void ingest(int port, String event) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/optimizely"))
                .header("Content-Type", "application/json")
                .header("Authorization", CREDENTIAL)
                .POST(HttpRequest.BodyPublishers.ofString("[" + event + "]"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(1, new JsonObject(answer.body()).getInteger("stored"));
    }

    private double openSubscriptions(int port) throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPorts.get(port) + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher gauge = OPEN_GAUGE.matcher(metrics.body());
        return gauge.find() ? Double.parseDouble(gauge.group(1)) : -1;
    }

    /** Starts the packaged service (jar, or the native executable where the build made one) in the prod profile. */
    private int start(String name) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        Path executable = Path.of(System.getProperty("native.image.path", "none"));
        if (Files.isRegularFile(executable)) {
            command.add(executable.toAbsolutePath().toString());
        } else {
            Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
            assertTrue(Files.isRegularFile(jar), "package the service first (./mvnw verify): " + jar + " is missing");
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
        }
        command.add(1, "-Dquarkus.http.port=" + port);
        // Health and metrics answer on the management interface; its prod port 9000 is shared by both replicas here.
        int managementPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            managementPort = socket.getLocalPort();
        }
        managementPorts.put(port, managementPort);
        command.add(1, "-Dquarkus.management.port=" + managementPort);
        command.add(1, "-Dquarkus.flyway.clean-at-start=false");
        command.add(1, "-Dquarkus.log.console.json.enabled=false");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/two-replicas-" + name + ".log").toFile());
        builder.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL",
                System.getenv().getOrDefault("PULSE_TEST_DATABASE_URL", "postgresql://127.0.0.1:5432/test"));
        builder.environment().put("PULSE_INGEST_HEADER_VALUE", CREDENTIAL);
        // reads open on purpose: the prod profile refuses to start without a choice
        builder.environment().put("PULSE_GRAPHQL_AUTH", "none");
        // the events' fixed `created` times (2021) must not expire while the test runs
        builder.environment().put("PULSE_RETENTION_EVENTS", "36500d");
        Process process = builder.start();
        replicas.add(process);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertTrue(process.isAlive(), () -> "replica " + name + " exited; see target/two-replicas-" + name + ".log");
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return port;
    }
}
