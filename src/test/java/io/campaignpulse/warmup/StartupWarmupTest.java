package io.campaignpulse.warmup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.campaignpulse.security.WarmupToken;
import io.campaignpulse.support.Api;
import io.campaignpulse.support.Db;
import io.campaignpulse.support.Events;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The start-up warm-up with reads closed (token mode), as in production: it must get through authentication and
 * run every query (no failure), write nothing, hold readiness down until it is done, and leave no credential behind.
 */
@QuarkusTest
@TestProfile(StartupWarmupTest.WarmupOn.class)
class StartupWarmupTest {

    public static class WarmupOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.warmup.enabled", "true", "pulse.warmup.rounds", "2",
                    "pulse.graphql.auth", "token", "pulse.graphql.read-token", "read-secret", "pulse.admin.token", "admin-secret");
        }
    }

    @Inject
    StartupWarmup warmup;

    @Inject
    WarmupToken token;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    private WarmupReport finished() {
        return await("warm-up finished").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(warmup::report, report -> report.state() != WarmupReport.State.PENDING);
    }

    @Test
    void runsEveryRequestThroughAuthenticationAndWritesNothing() {
        WarmupReport report = finished();
        assertEquals(WarmupReport.State.DONE, report.state(), report.toString());
        assertEquals(java.util.List.of(), report.failures(), "every warm-up request answered: " + report);
        // the probe of the listening server, 8 queries per round, one subscription per round (at most 2)
        assertEquals(1 + 2 * 8 + 2, report.requests(), report.toString());
        // (the other test of this class stores one event, for seen@warmup.test)
        assertEquals(0, Db.count("select count(*) from event where recipient_id is distinct from 'seen@warmup.test'"),
                "the warm-up sends no delivery");
        assertEquals(0, Db.count("select count(*) from dead_letter"));

        JsonPath ready = given().get(readiness).then().statusCode(200).extract().jsonPath();
        assertEquals("UP", ready.getString("checks.find { it.name == 'warm-up' }.status"), ready.prettify());
        assertEquals("DONE", ready.getString("checks.find { it.name == 'warm-up' }.data.state"));
    }

    @Test
    void theWarmupCredentialSeesNoClientAndDiesWithTheWarmup() {
        finished();
        // the warm-up's token is retired: nothing it could have been is accepted now
        assertEquals("UNAUTHORIZED", eventsAs("warmup-guess").getString("errors[0].extensions.code"));

        Api.deliver(Events.batch(Events.event("open").recipient("seen@warmup.test")));
        JsonPath reader = eventsAs("read-secret");
        assertTrue(reader.getList("data.events.edges").size() > 0, reader.prettify());

        String live = token.issue(); // as a new warm-up would
        try {
            JsonPath warm = eventsAs(live);
            assertNull(warm.get("errors"), warm.prettify());
            assertEquals(0, warm.getList("data.events.edges").size(), "a warm-up reads no real client's events");
            JsonPath admin = given().header("Authorization", "Bearer " + live).contentType(ContentType.JSON)
                    .body(Map.of("query", "mutation { syncWebhooks { removed } }")).post("/graphql")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("FORBIDDEN", admin.getString("errors[0].extensions.code"), "the warm-up only reads");
        } finally {
            token.retire();
        }
        assertEquals("UNAUTHORIZED", eventsAs(live).getString("errors[0].extensions.code"), "retired means refused");
    }

    private static JsonPath eventsAs(String bearer) {
        return given().header("Authorization", "Bearer " + bearer).contentType(ContentType.JSON)
                .body(Map.of("query", "{ events(first: 5) { edges { node { eventId } } } }")).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }
}
