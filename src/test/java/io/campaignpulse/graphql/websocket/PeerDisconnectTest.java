package io.campaignpulse.graphql.websocket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.campaignpulse.support.CapturedLogs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Clients that vanish without a close frame (a closed laptop, a phone out of coverage, an attacker dropping
 * thousands of sockets at once) are routine: the socket is cleaned up and nothing is logged above DEBUG, so a
 * burst of them cannot flood the log.
 */
@QuarkusTest
class PeerDisconnectTest {

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.showingNoneOf();

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    GraphQLWebSockets webSockets;

    @Test
    void aSocketClosedWithoutACloseFrameIsCleanedUpQuietly() throws Exception {
        dropAfterUpgrade(false);
    }

    @Test
    void aSocketResetByItsPeerIsCleanedUpQuietly() throws Exception {
        dropAfterUpgrade(true);
    }

    private void dropAfterUpgrade(boolean reset) throws Exception {
        int before = webSockets.openConnections();
        try (Socket socket = new Socket(graphql.getHost(), graphql.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /graphql HTTP/1.1\r\nHost: " + graphql.getHost() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = statusLine(socket.getInputStream());
            assertTrue(status.startsWith("HTTP/1.1 101"), status);
            await().atMost(Duration.ofSeconds(5)).until(() -> webSockets.openConnections() == before + 1);
            if (reset) {
                socket.setSoLinger(true, 0); // close sends RST
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> webSockets.openConnections() == before);
        for (String line : logs.lines()) {
            boolean aboveDebug = line.startsWith("WARN") || line.startsWith("ERROR");
            boolean webSocketCode = line.contains("io.smallrye.graphql.websocket") || line.contains("io.campaignpulse.graphql.websocket");
            assertFalse(aboveDebug && webSocketCode, "a dropped connection was logged: " + line);
        }
    }

    private static String statusLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().trim();
    }
}
