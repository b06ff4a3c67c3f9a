package io.campaignpulse.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** What the tests that run the packaged service as a process need: how to start it, where, and whether it answers. */
public final class PackagedArtifact {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedArtifact() {
    }

    /** What this build packaged, as Quarkus records it for @QuarkusIntegrationTest: the jar, or the native executable with -Dnative. */
    public static List<String> command() throws IOException {
        Path metadata = Path.of("target/quarkus-artifact.properties");
        assertTrue(Files.exists(metadata), "package the service first (mvn verify runs this after package): " + metadata);
        Properties artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(metadata)) {
            artifact.load(reader);
        }
        Path path = Path.of("target").resolve(artifact.getProperty("path"));
        return switch (artifact.getProperty("type")) {
            case "native" -> List.of(path.toString());
            case "jar" -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", path.toString());
            default -> throw new IllegalStateException("cannot start a packaged artifact of type " + artifact.getProperty("type"));
        };
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The HTTP status of a GET on this machine's port, or -1 when nothing answers within 2 s. */
    public static int status(int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
