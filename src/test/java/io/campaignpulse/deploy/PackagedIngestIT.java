package io.campaignpulse.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged artifact (the jar here, the native executable with -Dnative) in the prod profile
 * against PostgreSQL: a sample delivery goes in over HTTP and comes back out over GraphQL.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedIngestIT {

    static final String BOUNCE_ID = "0a673102-178d27b2c8c-178d2cac0e4-a1000000000004";

    @Test
    @Order(1)
    void ingestStoresTheSampleOnceAndCountsTheRedeliveryAsDuplicates() throws IOException {
        byte[] sample = sample("batch-mixed.json");
        deliver(sample).then().statusCode(200)
                .body("received", equalTo(5)).body("stored", equalTo(5))
                .body("duplicates", equalTo(0)).body("rejected", equalTo(0));
        deliver(sample).then().statusCode(200)
                .body("received", equalTo(5)).body("stored", equalTo(0))
                .body("duplicates", equalTo(5)).body("rejected", equalTo(0));
    }

    @Test
    @Order(2)
    void aWrongCredentialIsRefusedWithTheJsonError() throws IOException {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong").body(sample("bounce.json"))
                .when().post("/webhooks/optimizely")
                .then().statusCode(401).contentType(ContentType.JSON).body("error", equalTo("unauthorized"));
    }

    @Test
    @Order(3)
    void anIngestedEventReadsBackOverGraphql() throws IOException {
        deliver(sample("batch-mixed.json")).then().statusCode(200).body("received", equalTo(5));

        String query = "{ event(eventId: \"" + BOUNCE_ID + "\") { eventId type ... on BounceEvent { category } } }";
        given().contentType(ContentType.JSON).body(Map.of("query", query))
                .when().post("/graphql")
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.event.eventId", equalTo(BOUNCE_ID))
                .body("data.event.type", equalTo("BOUNCE"))
                .body("data.event.category", equalTo("hardbounce"));
    }

    @Test
    @Order(4)
    void probesAndMetricsAnswerWhereTheManifestsLook() {
        AppConfig app = new AppConfig();
        for (String group : List.of("started", "live")) {
            given().port(PackagedAppConfig.managementPort).when().get(app.healthPath(group)).then().statusCode(200).body("status", equalTo("UP"));
        }
        // Readiness waits for the start-up warm-up (StartupWarmup), which a busy machine makes take several seconds:
        // Kubernetes polls it the same way before it routes traffic.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(
                () -> given().port(PackagedAppConfig.managementPort).when().get(app.healthPath("ready")).statusCode() == 200);
        given().port(PackagedAppConfig.managementPort).when().get(app.healthPath("ready")).then().statusCode(200).body("status", equalTo("UP"));
        String metrics = given().port(PackagedAppConfig.managementPort).when().get(app.metricsPath()).then().statusCode(200).extract().asString();
        // The first test stored the sample's bounce; every type's series exists from the start.
        assertTrue(metrics.matches("(?s).*pulse_events_stored_total\\{[^}]*type=\"BOUNCE\"[^}]*} [1-9].*"), "stored bounce counted");
        assertTrue(metrics.matches("(?s).*pulse_events_duplicates_total\\{[^}]*type=\"BOUNCE\"[^}]*} [1-9].*"), "duplicate bounce counted");
        assertTrue(metrics.contains("pulse_events_rejected_total{"), "rejected series");
        assertTrue(metrics.contains("pulse_delivery_seconds_count{"), "delivery timer");
    }

    @Test
    @Order(5)
    void theOpenApiDocumentDescribesTheIngestEndpoint() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/webhooks/optimizely"))
                .body("paths.'/webhooks/optimizely'.post.responses.'200'.content.'application/json'.schema", notNullValue())
                .body("paths.'/webhooks/optimizely'.post.responses.keySet()", org.hamcrest.Matchers.hasItems("200", "400", "401", "413", "415", "503"))
                .body("components.schemas.IngestResult.properties", hasKey("duplicates"))
                .body("components.schemas.ErrorResponse.properties", hasKey("error"))
                .body("info.title", containsString("Campaign Pulse"));
    }

    private static io.restassured.response.Response deliver(byte[] body) {
        return given().contentType(ContentType.JSON).header("Authorization", PackagedAppConfig.DELIVERY_CREDENTIAL).body(body)
                .when().post("/webhooks/optimizely");
    }

    static byte[] sample(String name) throws IOException {
        try (InputStream in = PackagedIngestIT.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource samples/" + name);
            }
            return in.readAllBytes();
        }
    }
}
