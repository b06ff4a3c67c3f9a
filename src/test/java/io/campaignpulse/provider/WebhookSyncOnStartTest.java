package io.campaignpulse.provider;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.campaignpulse.provider.OptimizelyStub.Handle;
import io.campaignpulse.provider.OptimizelyStub.InjectOptimizely;
import io.campaignpulse.support.CapturedLogs;
import io.campaignpulse.support.Ingest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** sync-on-start against a provider in maintenance: the failure is logged, the service serves on. */
@QuarkusTest
@WithTestResource(value = OptimizelyStub.class, initArgs = @ResourceArg(name = "fail-list-at-start", value = "true"))
class WebhookSyncOnStartTest {

    /** Liveness answers on the management interface (its URL already ends in its root path, /q). */
    @TestHTTPResource(value = "/health/live", management = true)
    java.net.URL liveness;

    @InjectOptimizely
    Handle stub;

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.showingNoneOf(FakeOptimizely.API_PASSWORD, "test-secret", OptimizelyStub.ADMIN_TOKEN);

    @Test
    void aFailedStartUpSyncIsLoggedAndTheServiceRunsOn() {
        await().atMost(Duration.ofSeconds(60)).until(() -> logs.contains("Webhook sync at start-up FAILED"));

        String line = logs.lines().stream().filter(l -> l.contains("Webhook sync at start-up FAILED")).findFirst().orElseThrow();
        assertTrue(line.contains("HTTP 503 on selectWebhooks: maintenance"), line);
        assertTrue(line.contains("run the syncWebhooks mutation"), line);
        assertTrue(stub.changingCalls().isEmpty());
        given().when().get(liveness).then().statusCode(200);
        Ingest.deliver("{\"type\":\"open\",\"id\":\"sync-on-start-probe-1\",\"recipientId\":\"a@example.com\",\"mailingId\":1}")
                .statusCode(200);
    }
}
