package io.campaignpulse.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** What a browser frontend meets: the schema and introspection follow the read rule; CORS for its origin only. */
@QuarkusTest
@TestProfile(TestTokens.JwtMode.class)
class FrontendAccessTest {

    private static final String INTROSPECTION = "{ __schema { queryType { name } } }";

    private static RequestSpecification as(String bearer) {
        RequestSpecification request = given();
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private static JsonPath introspect(String bearer) {
        return as(bearer).contentType(ContentType.JSON).body(Map.of("query", INTROSPECTION)).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theSchemaDocumentFollowsTheReadRule() {
        as(null).get("/graphql/schema.graphql").then().statusCode(401);
        as("not-a-token").get("/graphql/schema.graphql").then().statusCode(401);
        as(TestTokens.sign(TestTokens.claims("nobody@example.com"))).get("/graphql/schema.graphql").then().statusCode(403);
        as(TestTokens.reader("1001")).get("/graphql/schema.graphql").then().statusCode(200).body(containsString("type Query"));
        as(TestTokens.READ_TOKEN).get("/graphql/schema.graphql").then().statusCode(200).body(containsString("type Query"));
    }

    @Test
    void introspectionFollowsTheReadRule() {
        JsonPath anonymous = introspect(null);
        assertEquals("UNAUTHORIZED", anonymous.getString("errors[0].extensions.code"), anonymous.prettify());
        assertTrue(anonymous.getString("errors[0].message").contains("Introspection"), anonymous.prettify());
        assertNull(anonymous.get("data.__schema"));

        JsonPath refused = introspect("not-a-token");
        assertEquals("UNAUTHORIZED", refused.getString("errors[0].extensions.code"), refused.prettify());

        JsonPath noRole = introspect(TestTokens.sign(TestTokens.claims("nobody@example.com")));
        assertEquals("FORBIDDEN", noRole.getString("errors[0].extensions.code"), noRole.prettify());

        JsonPath reader = introspect(TestTokens.reader("1001"));
        assertNull(reader.get("errors"), reader.prettify());
        assertEquals("Query", reader.getString("data.__schema.queryType.name"));
    }

    @Test
    void aPreflightFromTheFrontendsOriginIsAnswered() {
        given().header("Origin", TestTokens.FRONTEND_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/graphql")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(TestTokens.FRONTEND_ORIGIN))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        given().header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/graphql")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aFrontendsRequestGetsItsOriginBackAndNeverAWildcard() {
        as(TestTokens.reader("1001")).header("Origin", TestTokens.FRONTEND_ORIGIN).contentType(ContentType.JSON)
                .body(Map.of("query", "{ events(first: 1) { edges { cursor } } }")).post("/graphql")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(TestTokens.FRONTEND_ORIGIN))
                .header("Access-Control-Allow-Credentials", not(equalTo("true")))
                .body("errors", nullValue());
        as(TestTokens.reader("1001")).header("Origin", "https://evil.example.com").contentType(ContentType.JSON)
                .body(Map.of("query", "{ events(first: 1) { edges { cursor } } }")).post("/graphql")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
