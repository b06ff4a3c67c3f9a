package io.campaignpulse.ingest;

import static io.campaignpulse.ingest.IngestEndpointTest.event;
import static io.campaignpulse.support.Ingest.CREDENTIAL;
import static io.campaignpulse.support.Ingest.deliver;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import io.campaignpulse.support.Db;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Overload is refused before memory runs out, with 503 overloaded + Retry-After, and nothing of it is stored. */
@QuarkusTest
@TestProfile(OverloadTest.SmallBudgets.class)
class OverloadTest {

    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.ingest.max-inflight-bytes", "4096", "pulse.ingest.max-waiting-deliveries", "1",
                    "pulse.ingest.body-timeout", "20s");
        }
    }

    @TestHTTPResource("/webhooks/optimizely")
    URI ingest;

    @Inject
    InflightBodies bodies;

    /** A delivery whose headers and the first part of its body are sent; the rest waits for {@link #finish}. */
    private Socket startDelivery(String body, int sendFirst) throws IOException {
        Socket socket = new Socket(ingest.getHost(), ingest.getPort());
        socket.setSoTimeout(60_000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + ingest.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: " + CREDENTIAL + "\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, 0, sendFirst);
        out.flush();
        return socket;
    }

    private static String finish(Socket socket, String body, int sent) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(bytes, sent, bytes.length - sent);
        socket.getOutputStream().flush();
        return answer(socket);
    }

    /** The status line and body of the answer, read until the connection closes or the body is complete. */
    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                read.write(buffer, 0, n);
                String text = read.toString(StandardCharsets.UTF_8);
                if (text.contains("\r\n\r\n") && text.trim().endsWith("}")) {
                    break;
                }
            }
        } catch (IOException reset) {
            // the answer so far is what counts
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static String padded(String id, int bytes) {
        String event = "{\"type\":\"open\",\"id\":\"" + id + "\",\"pad\":\"";
        return "[" + event + "p".repeat(bytes - event.length() - 4) + "\"}]";
    }

    @org.junit.jupiter.api.AfterEach
    void everyBodyIsGivenBack() {
        // each delivery gives its share back exactly once, however it ended
        await().atMost(Duration.ofSeconds(10)).until(() -> bodies.held() == 0);
    }

    @Test
    void bodiesOverTheInflightBudgetAreRefusedBeforeTheyAreRead() throws Exception {
        String heldId = UUID.randomUUID().toString();
        String held = padded(heldId, 3000);
        try (Socket socket = startDelivery(held, 1000)) {
            // the request is in, its body still being received
            await().atMost(Duration.ofSeconds(10)).until(() -> bodies.held() >= 3000);
            String refusedId = UUID.randomUUID().toString();
            // 3000 + 2000 bytes held would be over the 4096 of pulse.ingest.max-inflight-bytes
            deliver(padded(refusedId, 2000)).statusCode(503).header("Retry-After", "2").body("error", equalTo("overloaded"));
            assertEquals(0, Db.count("select count(*) from event where event_id = ?", refusedId));

            String answer = finish(socket, held, 1000);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
        assertEquals(1, Db.count("select count(*) from event where event_id = ?", heldId));
        // the budget is given back once answered
        deliver(padded(UUID.randomUUID().toString(), 3000)).statusCode(200).body("stored", equalTo(1));
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIs408AndItsConnectionClosed() throws Exception {
        String id = UUID.randomUUID().toString();
        String body = padded(id, 3000);
        try (Socket socket = startDelivery(body, 100)) {
            long start = System.nanoTime();
            String answer = answer(socket);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("body_timeout"), answer);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(40), "answered after pulse.ingest.body-timeout");
            assertEquals(-1, socket.getInputStream().read(), "the connection is closed");
        }
        assertEquals(0, Db.count("select count(*) from event where event_id = ?", id));
        // its share of the budget is given back
        deliver(padded(UUID.randomUUID().toString(), 3000)).statusCode(200);
    }

    @Test
    void deliveriesPastTheWritersWaitingBoundAre503() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        try (Connection lock = Db.connect()) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("lock table event in share mode"); // the writer's insert waits: the database is slow
            }
            CompletableFuture<HttpResponse<String>> first = send(http, ids.get(0));
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> Db.count("select count(*) from pg_locks where not granted and relation = 'event'::regclass") > 0);
            CompletableFuture<HttpResponse<String>> second = send(http, ids.get(1));
            CompletableFuture<HttpResponse<String>> third = send(http, ids.get(2));
            // one of the two waits behind the first (pulse.ingest.max-waiting-deliveries=1), the other is refused
            CompletableFuture<Object> refused = CompletableFuture.anyOf(second, third);
            HttpResponse<?> overloaded = (HttpResponse<?>) refused.get(20, TimeUnit.SECONDS);
            assertEquals(503, overloaded.statusCode(), overloaded.body().toString());
            assertTrue(overloaded.body().toString().contains("\"overloaded\""));
            assertEquals("2", overloaded.headers().firstValue("Retry-After").orElse(null));
            lock.rollback();

            HttpResponse<String> waited = (overloaded == second.getNow(null) ? third : second).get(20, TimeUnit.SECONDS);
            assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
            assertEquals(200, waited.statusCode(), waited.body());
            String refusedId = overloaded == second.getNow(null) ? ids.get(1) : ids.get(2);
            assertEquals(0, Db.count("select count(*) from event where event_id = ?", refusedId));
            assertEquals(2, Db.count("select count(*) from event where event_id = any(?)", (Object) ids.toArray(String[]::new)));
        }
    }

    private CompletableFuture<HttpResponse<String>> send(HttpClient http, String id) {
        return http.sendAsync(HttpRequest.newBuilder(ingest).header("Content-Type", "application/json").header("Authorization", CREDENTIAL)
                .POST(HttpRequest.BodyPublishers.ofString("[" + event(id, "open") + "]")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
