package io.campaignpulse.deploy;

import static io.campaignpulse.support.PackagedArtifact.command;
import static io.campaignpulse.support.PackagedArtifact.freePort;
import static io.campaignpulse.support.PackagedArtifact.status;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What Kubernetes does to a pod on a rollout, done to the packaged service: SIGTERM while a delivery
 * is in flight. The delivery must be committed and answered 200, or not acknowledged at all (and then
 * nothing of it is stored, so the provider's retry loses nothing); the answer and the database agree.
 * <p>
 * The delivery is held in flight by a lock this test takes on the event table, standing in for a slow
 * database. The service runs as in the Deployment: prod profile, configured by environment variables.
 */
class GracefulShutdownIT {

    private static final String CREDENTIAL = "Bearer graceful-shutdown-secret";
    /** The test database trusts local connections, so any password works: this one must never be logged. */
    private static final String DATABASE_PASSWORD = "graceful-db-password";
    private static final int EVENTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process service;
    private Connection lockHolder;

    @AfterEach
    void stop() throws Exception {
        if (lockHolder != null) {
            lockHolder.rollback();
            lockHolder.close();
        }
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDeliveryInFlightAtSigtermIsCommittedAndAnswered() throws Exception {
        Path log = Path.of("target/graceful-shutdown-committed.log");
        int port = start(log, Map.of());
        String batch = "graceful-" + UUID.randomUUID();

        holdEventTable();
        CompletableFuture<HttpResponse<String>> answer = deliver(port, batch);
        awaitDeliveryBlockedOnTheLock();

        service.destroy(); // SIGTERM, as the kubelet sends after preStop
        awaitShutdownWaitingForRequests(log);
        assertTrue(service.isAlive(), "the service waits for the delivery in flight");
        releaseEventTable(); // the database answers again: the delivery commits within quarkus.shutdown.timeout

        HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(EVENTS, body.get("received").asInt());
        assertEquals(EVENTS, body.get("stored").asInt());
        assertEquals(EVENTS, storedEvents(batch), "what was answered is what is stored");

        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service ends once the delivery is answered");
        assertLogsAreJsonWithoutSecrets(log);
    }

    @Test
    void aDeliveryStillBlockedWhenTheShutdownTimeoutEndsIsNotAcknowledgedAndNotStored() throws Exception {
        Path log = Path.of("target/graceful-shutdown-timeout.log");
        // A short shutdown timeout stands in for a database that stays slow longer than the grace period.
        int port = start(log, Map.of("QUARKUS_SHUTDOWN_TIMEOUT", "PT2S"));
        String batch = "graceful-" + UUID.randomUUID();

        holdEventTable();
        CompletableFuture<HttpResponse<String>> answer = deliver(port, batch);
        awaitDeliveryBlockedOnTheLock();

        service.destroy();
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service ends after quarkus.shutdown.timeout");
        releaseEventTable();

        int status;
        try {
            status = answer.get(10, TimeUnit.SECONDS).statusCode();
        } catch (ExecutionException connectionClosed) {
            status = -1; // no answer at all
        }
        assertNotEquals(200, status, "a delivery that was not committed must not be acknowledged");
        assertEquals(0, storedEvents(batch), "nothing of an unacknowledged delivery is stored");
        assertLogsAreJsonWithoutSecrets(log);
    }

    /**
     * SIGTERM under load: eight clients keep delivering; at SIGTERM eight deliveries are in flight (held by
     * the table lock), one more arrives while the service drains. Every delivery answered 200 is stored
     * whole, every other one (refused while shutting down, or reset) is stored not at all: no delivery is
     * committed without its answer, and the in-flight ones are answered although the pool is about to close.
     */
    @Test
    void underLoadEveryAnsweredDeliveryIsStoredAndNoneIsStoredWithoutItsAnswer() throws Exception {
        Path log = Path.of("target/graceful-shutdown-load.log");
        int port = start(log, Map.of());
        record Outcome(String batch, int status, String body, long answeredAtNanos) {
        }
        java.util.Queue<Outcome> outcomes = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean stopClients = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);

        holdEventTable();
        for (int c = 0; c < 8; c++) {
            clients.submit(() -> {
                while (!stopClients.get()) {
                    String batch = "load-" + UUID.randomUUID();
                    try {
                        HttpResponse<String> response = deliver(port, batch).get(60, TimeUnit.SECONDS);
                        outcomes.add(new Outcome(batch, response.statusCode(), response.body(), System.nanoTime()));
                    } catch (Exception resetOrRefused) {
                        outcomes.add(new Outcome(batch, -1, resetOrRefused.toString(), System.nanoTime()));
                        Thread.sleep(20);
                    }
                }
                return null;
            });
        }
        awaitDeliveryBlockedOnTheLock();
        long sigterm = System.nanoTime();
        service.destroy();
        awaitShutdownWaitingForRequests(log);
        assertTrue(service.isAlive(), "the service waits for the deliveries in flight");

        String late = "late-" + UUID.randomUUID();
        HttpResponse<String> refused = deliver(port, late).get(30, TimeUnit.SECONDS);
        assertEquals(503, refused.statusCode(), "a delivery arriving while the service drains is refused: " + refused.body());
        assertEquals("shutting_down", JSON.readTree(refused.body()).get("error").asText());

        releaseEventTable();
        assertTrue(service.waitFor(40, TimeUnit.SECONDS), "the service ends once the deliveries in flight are answered");
        stopClients.set(true);
        clients.shutdown();
        assertTrue(clients.awaitTermination(70, TimeUnit.SECONDS));

        assertEquals(0, storedEvents(late), "nothing of a refused delivery is stored");
        int answeredAfterSigterm = 0;
        for (Outcome outcome : outcomes) {
            long stored = storedEvents(outcome.batch());
            if (outcome.status() == 200) {
                assertEquals(EVENTS, stored, "an acknowledged delivery is stored whole: " + outcome);
                if (outcome.answeredAtNanos() > sigterm) {
                    answeredAfterSigterm++;
                }
            } else {
                assertEquals(0, stored, "a delivery not acknowledged is not stored: " + outcome);
            }
        }
        assertTrue(answeredAfterSigterm >= 1, "the deliveries in flight at SIGTERM were answered 200: " + outcomes);
        assertLogsAreJsonWithoutSecrets(log);
    }

    /**
     * Subscribers at SIGTERM: told to go (1001) at once, so they reconnect to another replica; an upgrade while the
     * instance drains is refused (503 shutting_down); and WebSockets, open or long closed, do not hold the shutdown:
     * once the delivery in flight is answered the service ends, without waiting out quarkus.shutdown.timeout (25 s).
     * (Quarkus counted every upgrade as a request in flight for good; the warm-up's own sockets made each stop wait.)
     */
    @Test
    void subscribersAreToldToReconnectAndWebSocketsDoNotHoldTheShutdown() throws Exception {
        Path log = Path.of("target/graceful-shutdown-websockets.log");
        int port = start(log, Map.of());
        URI graphql = URI.create("ws://127.0.0.1:" + port + "/graphql");
        Subscriber earlier = Subscriber.subscribe(http, graphql);
        earlier.socket().sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        Subscriber subscriber = Subscriber.subscribe(http, graphql);
        String batch = "graceful-" + UUID.randomUUID();

        holdEventTable();
        CompletableFuture<HttpResponse<String>> answer = deliver(port, batch);
        awaitDeliveryBlockedOnTheLock();
        service.destroy();
        awaitShutdownWaitingForRequests(log);

        assertEquals(1001, subscriber.closeStatus().get(10, TimeUnit.SECONDS), "a subscriber is told the server is going away");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> Subscriber.subscribe(http, graphql));
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
        HttpResponse<?> refusal = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertEquals(503, refusal.statusCode());
        assertEquals("1", refusal.headers().firstValue("Retry-After").orElse(null));
        assertEquals("shutting_down", JSON.readTree(String.valueOf(refusal.body())).get("error").asText());

        releaseEventTable();
        assertEquals(200, answer.get(30, TimeUnit.SECONDS).statusCode());
        assertTrue(service.waitFor(10, TimeUnit.SECONDS), "the service ends once the delivery is answered, sockets or not");
        assertFalse(Files.readString(log).contains("Timed out waiting for graceful shutdown"), "the shutdown waited for nothing in flight");
        assertEquals(EVENTS, storedEvents(batch));
    }

    /** A graphql-transport-ws client with one subscription open, as a dashboard holds it. */
    private record Subscriber(WebSocket socket, CompletableFuture<Integer> closeStatus) {

        static Subscriber subscribe(HttpClient http, URI graphql) throws Exception {
            CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            WebSocket.Listener listener = new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
                    if (text.toString().contains("\"connection_ack\"")) {
                        acknowledged.complete(null);
                    }
                    socket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                    closeStatus.complete(statusCode);
                    return null;
                }
            };
            WebSocket socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(graphql, listener).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true);
            acknowledged.get(10, TimeUnit.SECONDS);
            socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { events { eventId } }\"}}", true);
            return new Subscriber(socket, closeStatus);
        }
    }

    /**
     * kill -9 under load: whatever was acknowledged is stored whole, nothing is stored in part, and after a
     * restart and the provider's retries of what was not acknowledged, every event is stored and counted once
     * (acknowledged = stored = counted).
     */
    @Test
    void aKillUnderLoadLosesNothingAcknowledgedAndCountsEveryEventOnce() throws Exception {
        Path log = Path.of("target/kill-under-load.log");
        int port = start(log, Map.of());
        long mailing = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1_000_000L;
        record Outcome(String batch, int status) {
        }
        java.util.Queue<Outcome> outcomes = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean stopClients = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            clients.submit(() -> {
                while (!stopClients.get()) {
                    String batch = "kill-" + UUID.randomUUID();
                    int status;
                    try {
                        status = deliver(port, batch, mailing).get(60, TimeUnit.SECONDS).statusCode();
                    } catch (Exception reset) {
                        status = -1;
                    }
                    outcomes.add(new Outcome(batch, status));
                    if (status != 200) {
                        Thread.sleep(20);
                    }
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.stream().filter(o -> o.status() == 200).count() >= 20);
        service.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9, deliveries in flight
        stopClients.set(true);
        clients.shutdown();
        assertTrue(clients.awaitTermination(70, TimeUnit.SECONDS));

        long acknowledged = 0;
        for (Outcome outcome : outcomes) {
            long stored = storedEvents(outcome.batch());
            if (outcome.status() == 200) {
                assertEquals(EVENTS, stored, "an acknowledged delivery is stored whole: " + outcome);
                acknowledged++;
            } else {
                assertTrue(stored == 0 || stored == EVENTS, "a delivery is stored whole or not at all: " + outcome + " " + stored);
            }
        }
        assertTrue(acknowledged >= 20);

        // restarted, the provider retries what it got no 200 for
        int restarted = start(log, Map.of());
        for (Outcome outcome : outcomes) {
            if (outcome.status() != 200) {
                assertEquals(200, deliver(restarted, outcome.batch(), mailing).get(60, TimeUnit.SECONDS).statusCode());
            }
        }
        long expected = (long) outcomes.size() * EVENTS;
        assertEquals(expected, count("select count(*) from event where mailing_id = " + mailing), "every delivery stored once");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                () -> count("select coalesce(sum(opens), 0) from mailing_stats where mailing_id = " + mailing) == expected);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // --- the service process -----------------------------------------------------------------------

    /** Starts the packaged service (native executable if built, else the jar) and waits until it is ready. */
    private int start(Path log, Map<String, String> extraEnvironment) throws IOException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(command());
        Map<String, String> env = builder.environment();
        // As the Deployment sets them (ConfigMap and Secret through envFrom).
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // The Deployment's probes use the management interface; its prod port 9000 may be taken here.
        int managementPort = freePort();
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabase.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", DATABASE_PASSWORD);
        env.put("PULSE_INGEST_HEADER_VALUE", CREDENTIAL);
        env.put("PULSE_GRAPHQL_AUTH", "none"); // reads open on purpose: the prod profile refuses to start without a choice
        env.put("PULSE_RETENTION_EVENTS", "36500d"); // the events' fixed `created` times (2021) must not expire meanwhile
        env.putAll(extraEnvironment);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        service = builder.start();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .failFast("the service ended; see " + log, () -> !service.isAlive())
                .until(() -> status(managementPort, "/q/health/ready") == 200);
        return port;
    }

    /**
     * Quarkus logs this when the shutdown has begun and waits, up to quarkus.shutdown.timeout, for the
     * requests in flight (requests still arriving are served with Connection: close).
     */
    private static void awaitShutdownWaitingForRequests(Path log) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.readString(log).contains("Waiting for HTTP requests to complete"));
    }

    private CompletableFuture<HttpResponse<String>> deliver(int port, String batch) {
        return deliver(port, batch, 42);
    }

    private CompletableFuture<HttpResponse<String>> deliver(int port, String batch, long mailingId) {
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < EVENTS; i++) {
            events.append(i == 0 ? "" : ",").append("{\"type\":\"open\",\"id\":\"").append(batch).append('-').append(i)
                    .append("\",\"recipientId\":\"r").append(i).append("@example.com\",\"mailingId\":").append(mailingId)
                    .append(",\"created\":1617108060000}");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/optimizely"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", CREDENTIAL)
                .POST(HttpRequest.BodyPublishers.ofString(events.append(']').toString()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    // --- the database --------------------------------------------------------------------------------

    /** Inserts into the event table wait (SHARE conflicts with the ROW EXCLUSIVE an insert needs); reads do not. */
    private void holdEventTable() throws SQLException {
        lockHolder = TestDatabase.connect();
        lockHolder.setAutoCommit(false);
        try (Statement st = lockHolder.createStatement()) {
            st.execute("lock table event in share mode");
        }
    }

    private void releaseEventTable() throws SQLException {
        lockHolder.rollback();
        lockHolder.close();
        lockHolder = null;
    }

    private static void awaitDeliveryBlockedOnTheLock() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from pg_locks where not granted and relation = 'event'::regclass")) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }

    private static long storedEvents(String batch) throws SQLException {
        try (Connection c = TestDatabase.connect();
                PreparedStatement st = c.prepareStatement("select count(*) from event where event_id like ?")) {
            st.setString(1, batch + "-%");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // --- the logs ------------------------------------------------------------------------------------

    /** The prod profile logs JSON an operator can search, and never a credential it was given. */
    private static void assertLogsAreJsonWithoutSecrets(Path log) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.removeIf(String::isBlank);
        assertFalse(lines.isEmpty(), "the service logged nothing");
        for (String line : lines) {
            assertFalse(line.contains("graceful-shutdown-secret"), "a credential in the log: " + line);
            assertFalse(line.contains(DATABASE_PASSWORD), "the database password in the log: " + line);
            JsonNode entry = JSON.readTree(line);
            assertTrue(entry.hasNonNull("level") && entry.hasNonNull("message"), "not a JSON log entry: " + line);
        }
    }
}
