package io.campaignpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * quarkus.http.limits.max-connections: idle sockets beyond the cap are closed on arrival instead of piling
 * up until the process runs out of descriptors, and health on the management interface answers throughout.
 * Raw sockets, one request per connection: a pooled client would reuse one connection and show nothing.
 */
@QuarkusTest
@TestProfile(ConnectionCapProfile.class)
class ConnectionCapTest {

    private static final int CAP = ConnectionCapProfile.MAX_CONNECTIONS;
    /** The monitor page: static, served by the public port without the database. */
    private static final String PAGE = "/";

    @TestHTTPResource("/")
    URL publicPort;

    // The management URL already carries the management root path (/q).
    @TestHTTPResource(value = "/health/live", management = true)
    URL liveness;

    private final List<Socket> idle = new ArrayList<>();

    @AfterEach
    void closeIdle() throws IOException {
        for (Socket socket : idle) {
            socket.close();
        }
    }

    @Test
    void socketsBeyondTheCapAreRefusedWhileHealthAnswersAndServiceResumesWhenTheyClose() throws Exception {
        assertEquals(200, requestOnNewConnection(PAGE), "served before the flood");

        for (int i = 0; i < CAP; i++) {
            Socket socket = connect();
            idle.add(socket);
        }
        assertEquals(200, liveness(), "liveness at " + liveness + " while the public port is full");

        assertTrue(closedByServer(connect()), "a connection beyond the cap is closed on arrival");
        assertEquals(-1, requestOnNewConnection(PAGE), "no request is served beyond the cap");

        long start = System.nanoTime();
        assertEquals(200, liveness());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(1)) < 0, "liveness answers within 1 s");

        closeIdle();
        idle.clear();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> requestOnNewConnection(PAGE) == 200);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(publicPort.getHost(), publicPort.getPort()), 2000);
        socket.setSoTimeout(2000);
        return socket;
    }

    /** True when the server closes (EOF or reset) a connection on which the client sends nothing. */
    private static boolean closedByServer(Socket socket) throws IOException {
        try (socket) {
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** The status of one GET on a connection of its own, -1 when the server closes it without an answer. */
    private int requestOnNewConnection(String path) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            // Read to the end: the server has closed its side (Connection: close), so this connection no longer counts.
            byte[] response = in.readAllBytes();
            if (response.length < 12) {
                return -1;
            }
            return Integer.parseInt(new String(response, 9, 3, StandardCharsets.US_ASCII));
        } catch (SocketException reset) {
            return -1;
        }
    }

    private int liveness() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI(liveness)).timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    private static java.net.URI URI(URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
