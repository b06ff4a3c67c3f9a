package io.campaignpulse.graphql.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The GraphQL over HTTP reference audit (npm {@code graphql-http}, {@code auditServer}) run against the
 * service: every MUST and SHOULD passes, and so does every MAY. Needs Node.js (CI has it); installs the
 * pinned audit package with {@code npm ci} when it is not installed yet.
 */
@QuarkusTest
class GraphQlOverHttpAuditTest {

    private static final Path AUDIT_DIR = Path.of("src", "test", "graphql-http-audit");

    @TestHTTPResource("/")
    URL root;

    @Test
    void theReferenceAuditFindsNothing() throws Exception {
        if (!Files.isDirectory(AUDIT_DIR.resolve("node_modules").resolve("graphql-http"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        String path = ConfigProvider.getConfig().getValue("quarkus.smallrye-graphql.root-path", String.class);
        String url = root.toString().replaceAll("/$", "") + (path.startsWith("/") ? path : "/" + path);

        JsonArray results = new JsonArray(run(List.of("node", "audit.mjs", url), 180).trim());

        assertTrue(results.size() >= 61, "the audit ran all its checks (61 in graphql-http 1.23.1): " + results.size());
        List<String> findings = new ArrayList<>();
        for (Object item : results) {
            JsonObject result = (JsonObject) item;
            if (!"ok".equals(result.getString("status"))) {
                findings.add(result.getString("id") + " [" + result.getString("status") + "] " + result.getString("name")
                        + ": " + result.getString("reason") + " (HTTP " + result.getValue("httpStatus") + ", "
                        + result.getString("contentType") + ", body " + result.getString("body") + ")");
            }
        }
        assertEquals(List.of(), findings, "audit findings (MUST failures are 'error', SHOULD 'warn', MAY 'notice')");
    }

    /** Runs a command in the audit directory and returns its stdout; fails with its stderr. */
    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        File stderr = File.createTempFile("graphql-http-audit", ".err");
        stderr.deleteOnExit();
        Process process;
        try {
            process = new ProcessBuilder(command).directory(AUDIT_DIR.toFile())
                    .redirectError(stderr).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            fail("cannot run " + command.get(0) + " (Node.js is needed for the GraphQL over HTTP audit): " + e.getMessage());
            throw e;
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                    + Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
