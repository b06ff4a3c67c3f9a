package io.campaignpulse.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** With pulse.graphql.auth=token, reads need the read token (or the admin token) as a bearer token. */
@QuarkusTest
@TestProfile(ReadTokenTest.WithReadToken.class)
class ReadTokenTest {

    public static class WithReadToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.graphql.auth", "token", "pulse.graphql.read-token", "read-secret", "pulse.admin.token", "admin-secret");
        }
    }

    private static final String QUERY = "{ events(first: 1) { edges { cursor } } recipient(recipientId: \"x\") { status } }";

    private static JsonPath post(RequestSpecification request) {
        return request.contentType(ContentType.JSON).body(Map.of("query", QUERY)).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void readsWithoutTheTokenAreRefused() {
        JsonPath none = post(given());
        assertEquals("UNAUTHORIZED", none.getString("errors[0].extensions.code"), none.prettify());
        assertTrue(none.getString("errors[0].message").contains("Authorization: Bearer"));
        assertEquals(2, none.getList("errors").size(), "every root field refused");
        assertNull(none.get("data.events"));

        JsonPath wrong = post(given().header("Authorization", "Bearer guess"));
        assertEquals("UNAUTHORIZED", wrong.getString("errors[0].extensions.code"));
        assertEquals("UNAUTHORIZED", post(given().header("Authorization", "read-secret")).getString("errors[0].extensions.code"));
    }

    @Test
    void readsOverGetFollowTheSameRule() {
        JsonPath none = given().queryParam("query", QUERY).get("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals("UNAUTHORIZED", none.getString("errors[0].extensions.code"), none.prettify());
        assertNull(none.get("data.events"));
        JsonPath read = given().header("Authorization", "Bearer read-secret").queryParam("query", QUERY).get("/graphql")
                .then().statusCode(200).extract().jsonPath();
        assertNull(read.get("errors"), read.prettify());
        assertNotNull(read.get("data.events.edges"));
    }

    @Test
    void readsWithTheReadOrAdminTokenAnswer() {
        JsonPath read = post(given().header("Authorization", "Bearer read-secret"));
        assertNull(read.get("errors"), read.prettify());
        assertNotNull(read.get("data.events.edges"));
        JsonPath admin = post(given().header("Authorization", "Bearer admin-secret"));
        assertNull(admin.get("errors"), admin.prettify());
    }

    @Test
    void theReadTokenIsAKnownCallerThatMayNotAdminister() {
        JsonPath json = given().header("Authorization", "Bearer read-secret").contentType(ContentType.JSON)
                .body(Map.of("query", "mutation { syncWebhooks { removed } }")).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("FORBIDDEN", json.getString("errors[0].extensions.code"), json.prettify());
        assertTrue(json.getString("errors[0].message").contains("pulse-admin"), json.prettify());
    }
}
