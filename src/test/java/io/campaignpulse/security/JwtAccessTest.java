package io.campaignpulse.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Ingest;
import io.campaignpulse.support.Samples;
import io.campaignpulse.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** pulse.graphql.auth=jwt over HTTP: tokens minted here, verified by the service; static tokens alongside. */
@QuarkusTest
@TestProfile(TestTokens.JwtMode.class)
class JwtAccessTest {

    private static final String READ = "{ events(first: 1) { edges { cursor } } recipients(first: 1) { edges { cursor } } }";
    private static final String ADMIN_QUERY = "{ webhooks { id } }";
    private static final String ADMIN_MUTATION = "mutation { syncWebhooks { removed } }";

    private static Response post(String query, String bearer) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query));
        if (bearer != null) {
            request = request.header("Authorization", "Bearer " + bearer);
        }
        return request.post("/graphql");
    }

    /** The answer, which must be a GraphQL answer (200), never a bare HTTP 401. */
    private static JsonPath answer(String query, String bearer) {
        Response response = post(query, bearer);
        assertEquals(200, response.statusCode(), response.asString());
        return response.jsonPath();
    }

    private static void assertRefused(JsonPath json, String code, String messagePart) {
        assertNotNull(json.get("errors"), json.prettify());
        int roots = json.getList("errors").size();
        for (int i = 0; i < roots; i++) {
            assertEquals(code, json.getString("errors[" + i + "].extensions.code"), json.prettify());
            assertTrue(json.getString("errors[" + i + "].message").contains(messagePart), json.prettify());
        }
        Map<String, Object> data = json.get("data");
        if (data != null) {
            data.values().forEach(value -> assertNull(value, json.prettify()));
        }
    }

    @Test
    void aReaderTokenReads() {
        JsonPath json = answer(READ, TestTokens.reader("1001"));
        assertNull(json.get("errors"), json.prettify());
        assertNotNull(json.get("data.events.edges"));
        assertNotNull(json.get("data.recipients.edges"));
    }

    @Test
    void anAdminTokenAlsoReads() {
        JsonPath json = answer(READ, TestTokens.admin("1001"));
        assertNull(json.get("errors"), json.prettify());
    }

    @Test
    void withoutACredentialEveryRootFieldIsUnauthorized() {
        JsonPath json = answer(READ, null);
        assertEquals(2, json.getList("errors").size(), json.prettify());
        assertRefused(json, "UNAUTHORIZED", "Authorization: Bearer");
    }

    @Test
    void anExpiredTokenIsUnauthorizedAndSaysSo() {
        String expired = TestTokens.sign(TestTokens.claims("reader@example.com", "pulse-reader")
                .issuedAt(Instant.now().minusSeconds(600)).expiresAt(Instant.now().minusSeconds(120)));
        assertRefused(answer(READ, expired), "UNAUTHORIZED", "expired");
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthorized() {
        String forged = TestTokens.signedByAnotherKey(TestTokens.claims("reader@example.com", "pulse-reader"));
        assertRefused(answer(READ, forged), "UNAUTHORIZED", "not valid");
    }

    @Test
    void aTokenOfAnotherIssuerIsUnauthorized() {
        String foreign = TestTokens.sign(TestTokens.claims("reader@example.com", "pulse-reader").issuer("https://evil.example.com/"));
        assertRefused(answer(READ, foreign), "UNAUTHORIZED", "not valid");
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        String foreign = TestTokens.sign(TestTokens.claims("reader@example.com", "pulse-reader").audience("another-service"));
        assertRefused(answer(READ, foreign), "UNAUTHORIZED", "not valid");
    }

    @Test
    void somethingThatIsNoTokenIsAGraphQLErrorNotAnHttp401() {
        assertRefused(answer(READ, "not-a-jwt"), "UNAUTHORIZED", "not valid");
        assertRefused(answer(READ, "a.b.c"), "UNAUTHORIZED", "not valid");
        Response basic = given().contentType(ContentType.JSON).body(Map.of("query", READ))
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").post("/graphql");
        assertEquals(200, basic.statusCode());
        assertRefused(basic.jsonPath(), "UNAUTHORIZED", "Bearer");
    }

    @Test
    void aTokenWithoutGroupsIsAKnownCallerWithoutTheRole() {
        String noGroups = TestTokens.sign(TestTokens.claims("nobody@example.com"));
        assertRefused(answer(READ, noGroups), "FORBIDDEN", "pulse-reader");
        String otherGroup = TestTokens.sign(TestTokens.claims("nobody@example.com", "some-other-app"));
        assertRefused(answer(READ, otherGroup), "FORBIDDEN", "pulse-reader");
    }

    @Test
    void aReaderMayNotAdminister() {
        String reader = TestTokens.reader("1001");
        assertRefused(answer(ADMIN_MUTATION, reader), "FORBIDDEN", "pulse-admin");
        assertRefused(answer(ADMIN_QUERY, reader), "FORBIDDEN", "pulse-admin");
        assertRefused(answer(ADMIN_MUTATION, TestTokens.READ_TOKEN), "FORBIDDEN", "pulse-admin");
    }

    @Test
    void anAdminPassesTheAccessCheckOfTheWebhookOperations() {
        // no provider is configured in this profile: getting that far means access was granted
        for (String admin : new String[] { TestTokens.admin(), TestTokens.ADMIN_TOKEN }) {
            JsonPath json = answer(ADMIN_QUERY, admin);
            String code = json.getString("errors[0].extensions.code");
            assertFalse("UNAUTHORIZED".equals(code) || "FORBIDDEN".equals(code), json.prettify());
            assertEquals("PROVIDER_NOT_CONFIGURED", code, json.prettify());
        }
    }

    @Test
    void theStaticTokensKeepWorkingForAutomation() {
        JsonPath read = answer(READ, TestTokens.READ_TOKEN);
        assertNull(read.get("errors"), read.prettify());
        JsonPath admin = answer(READ, TestTokens.ADMIN_TOKEN);
        assertNull(admin.get("errors"), admin.prettify());
        assertRefused(answer(READ, TestTokens.READ_TOKEN + "x"), "UNAUTHORIZED", "not valid");
    }

    @Test
    void theIngestEndpointKeepsItsOwnCredential() {
        // its Authorization header is the delivery credential, never taken for a caller's token
        String delivery = Samples.read("bounce.json");
        Ingest.deliver(delivery).statusCode(200);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestTokens.reader("1001")).body(delivery)
                .post(Ingest.PATH).then().statusCode(401).body("error", equalTo("unauthorized"));
    }
}
