package io.campaignpulse.graphql.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.campaignpulse.provider.AdminGraphQL;
import io.campaignpulse.provider.FakeOptimizely;
import io.campaignpulse.provider.OptimizelyStub;
import io.campaignpulse.provider.OptimizelyStub.Handle;
import io.campaignpulse.provider.OptimizelyStub.InjectOptimizely;
import io.campaignpulse.support.CapturedLogs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The admin GraphQL surface over the provider's webhooks: refusals, results without secrets, clear errors. */
@QuarkusTest
@WithTestResource(OptimizelyStub.class)
class WebhookAdminApiTest {

    private static final String KEY_AUTH = "{\"type\":\"keyAuth\",\"key\":\"Authorization\",\"passphrase\":\"Bearer test-secret\"}";
    private static final String WEBHOOK_FIELDS = "{ id type status format targetUrl authenticationType created modified }";
    private static final List<String> ADMIN_OPERATIONS = List.of(
            "query { webhooks { id } }",
            "mutation { createWebhook(input: {type: \"open\", targetUrl: \"https://pulse.example.com/webhooks/optimizely\"}) { id } }",
            "mutation { updateWebhook(id: \"1000\", input: {type: \"open\", targetUrl: \"https://x.example.com\"}) { id } }",
            "mutation { activateWebhook(id: \"1000\") { id } }",
            "mutation { deactivateWebhook(id: \"1000\") { id } }",
            "mutation { deleteWebhook(id: \"1000\") }",
            "mutation { verifyWebhook(id: \"1000\", mailingId: \"77\") { httpStatusCode } }",
            "mutation { syncWebhooks { removed } }");

    @InjectOptimizely
    Handle stub;

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.showingNoneOf(FakeOptimizely.API_PASSWORD, "test-secret", OptimizelyStub.ADMIN_TOKEN);

    @BeforeEach
    void reset() {
        stub.reset();
    }

    @AfterEach
    void contractKept() {
        stub.assertContractKept();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Bearer wrong-token", "Bearer ", "admin-t0ken-SECRET", "Basic YWRtaW46YWRtaW4=",
            "Bearer admin-t0ken-SECRETX" })
    void everyAdminOperationIsRefusedWithoutTheAdminToken(String authorization) {
        stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, KEY_AUTH);
        for (String operation : ADMIN_OPERATIONS) {
            Response response = AdminGraphQL.post(operation, authorization.isEmpty() ? null : authorization);
            JsonPath json = response.jsonPath();
            assertEquals("UNAUTHORIZED", json.getString("errors[0].extensions.code"), operation + " -> " + response.asString());
            assertTrue(json.getString("errors[0].message").contains("Authorization: Bearer"), json.getString("errors[0].message"));
            assertNull(json.get("data." + json.getString("errors[0].path[0]")));
            assertFalse(response.asString().contains(OptimizelyStub.ADMIN_TOKEN), response.asString());
        }
        assertTrue(stub.calls().isEmpty(), "nothing reaches the provider");
    }

    @Test
    void webhooksShowTheAuthenticationTypeButNeverTheSecret() {
        long id = stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, KEY_AUTH);
        stub.fake().seed("click", "deactivated", "https://crm.example.com/hook", "{\"type\":\"basicAuth\",\"userName\":\"crm\",\"password\":\"crm-pa55\"}");

        Response response = AdminGraphQL.asAdmin("query { webhooks " + WEBHOOK_FIELDS + " }");

        String body = response.asString();
        assertFalse(body.contains("test-secret") || body.contains("crm-pa55") || body.contains("passphrase"), body);
        JsonPath json = response.jsonPath().setRootPath("data.webhooks");
        assertEquals(List.of(String.valueOf(id), String.valueOf(id + 1)), json.getList("id"));
        assertEquals(List.of("keyAuth", "basicAuth"), json.getList("authenticationType"));
        assertEquals(List.of("activated", "deactivated"), json.getList("status"));
        assertEquals("json", json.getString("format[0]"));
        assertEquals("2024-05-01T10:15:30+02:00", json.getString("created[0]"));
    }

    @Test
    void createWebhookForOurUrlCarriesTheIngestCredential() {
        Response response = AdminGraphQL.asAdmin("mutation { createWebhook(input: {type: \"SpamComplaint\", targetUrl: \""
                + OptimizelyStub.PUBLIC_URL + "\"}) " + WEBHOOK_FIELDS + " }");

        JsonPath json = response.jsonPath().setRootPath("data.createWebhook");
        assertEquals("spamcomplaint", json.getString("type"));
        assertEquals("created", json.getString("status"));
        assertEquals("keyAuth", json.getString("authenticationType"));
        assertFalse(response.asString().contains("test-secret"));
        JsonNode stored = stub.fake().all().get(0);
        assertEquals(OptimizelyStub.INGEST_HEADER_VALUE, stored.at("/authentication/passphrase").asText());
    }

    @Test
    void createWebhookForAnotherUrlSendsNoCredentialOfOurs() {
        Response response = AdminGraphQL.asAdmin("mutation { createWebhook(input: {type: \"bounce\", targetUrl: "
                + "\"https://crm.example.com/hook\"}) " + WEBHOOK_FIELDS + " }");

        assertEquals("none", response.jsonPath().getString("data.createWebhook.authenticationType"));
        assertFalse(stub.calls().get(0).getRequest().getBodyAsString().contains("authentication"));
    }

    @Test
    void updateActivateVerifyDeactivateAndDeleteAWebhook() {
        long id = stub.fake().seed("open", "created", "https://old.example.com/hook", null);

        JsonPath updated = AdminGraphQL.asAdmin("mutation { updateWebhook(id: \"" + id + "\", input: {type: \"click\", targetUrl: \""
                + OptimizelyStub.PUBLIC_URL + "\"}) " + WEBHOOK_FIELDS + " }").jsonPath();
        JsonPath activated = AdminGraphQL.asAdmin("mutation { activateWebhook(id: \"" + id + "\") { status } }").jsonPath();
        JsonPath verified = AdminGraphQL.asAdmin("mutation { verifyWebhook(id: \"" + id + "\", mailingId: \"987\", numberOfEvents: 2) "
                + "{ webhookId httpStatusCode responseBody numberOfEvents targetUrl } }").jsonPath();
        JsonPath deleted = AdminGraphQL.asAdmin("mutation { deleteWebhook(id: \"" + id + "\") }").jsonPath();

        assertEquals("click", updated.getString("data.updateWebhook.type"));
        assertEquals("keyAuth", updated.getString("data.updateWebhook.authenticationType"));
        assertEquals("activated", activated.getString("data.activateWebhook.status"));
        assertEquals(String.valueOf(id), verified.getString("data.verifyWebhook[0].webhookId"));
        assertEquals(200, verified.getInt("data.verifyWebhook[0].httpStatusCode"));
        assertEquals(2, verified.getInt("data.verifyWebhook[0].numberOfEvents"));
        assertEquals(Boolean.TRUE, deleted.getBoolean("data.deleteWebhook"));
        assertNull(stub.fake().get(id));
        List<String> calls = stub.changingCalls().stream().map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList();
        String one = "/rest/4711/webhooks/" + id;
        assertEquals(List.of("PUT " + one, "POST " + one + "/activate", "POST " + one + "/deactivate", "DELETE " + one), calls,
                "delete deactivates the active webhook first");
    }

    @Test
    void deactivateWebhookAndDeleteAnInactiveOneWithoutDeactivating() {
        long id = stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, KEY_AUTH);

        assertEquals("deactivated", AdminGraphQL.asAdmin("mutation { deactivateWebhook(id: \"" + id + "\") { status } }")
                .jsonPath().getString("data.deactivateWebhook.status"));
        assertEquals(Boolean.TRUE, AdminGraphQL.asAdmin("mutation { deleteWebhook(id: \"" + id + "\") }").jsonPath()
                .getBoolean("data.deleteWebhook"));
        assertEquals(2, stub.changingCalls().size());
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyProviderCall() {
        assertError("mutation { createWebhook(input: {type: \"opened\", targetUrl: \"https://x.example.com\"}) { id } }",
                "BAD_USER_INPUT", "input.type 'opened' is not a webhook type; use one of sent, open, click");
        assertError("mutation { createWebhook(input: {type: \"open\", targetUrl: \"ftp://x.example.com\"}) { id } }",
                "BAD_USER_INPUT", "input.targetUrl must be an absolute http(s) URL, was 'ftp://x.example.com'");
        assertError("mutation { updateWebhook(id: \"abc\", input: {type: \"open\", targetUrl: \"https://x.example.com\"}) { id } }",
                "BAD_USER_INPUT", "id must be a positive whole number, was 'abc'");
        assertError("mutation { verifyWebhook(id: \"5\", mailingId: \"77\", numberOfEvents: 101) { httpStatusCode } }",
                "BAD_USER_INPUT", "numberOfEvents must be between 1 and 100, was 101");
        assertError("mutation { verifyWebhook(id: \"5\", mailingId: \"-1\") { httpStatusCode } }",
                "BAD_USER_INPUT", "mailingId must be a positive whole number, was '-1'");
        assertTrue(stub.calls().isEmpty());
    }

    @Test
    void providerAnswersBecomeClearErrors() {
        String webhooks = "/rest/4711/webhooks";
        stub.server().stubFor(post(urlPathEqualTo(webhooks)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"httpStatusCode\":400,\"errorMessage\":\"Invalid target URL\"}")));
        assertError("mutation { createWebhook(input: {type: \"open\", targetUrl: \"https://x.example.com\"}) { id } }",
                "PROVIDER_REJECTED", "Optimizely Campaign answered HTTP 400 on createWebhook: Invalid target URL");

        assertError("mutation { activateWebhook(id: \"404\") { id } }",
                "PROVIDER_NOT_FOUND", "Optimizely Campaign answered HTTP 404 on activateWebhook: Webhook 404 not found");
        assertError("mutation { deleteWebhook(id: \"404\") }",
                "PROVIDER_NOT_FOUND", "Optimizely Campaign has no webhook with id 404 for this client");

        stub.server().stubFor(put(urlPathMatching(webhooks + "/\\d+")).atPriority(1).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "text/plain").withBody("Webhook belongs to another client")));
        assertError("mutation { updateWebhook(id: \"5\", input: {type: \"open\", targetUrl: \"https://x.example.com\"}) { id } }",
                "PROVIDER_REJECTED", "Optimizely Campaign answered HTTP 409 on updateWebhook: Webhook belongs to another client");

        stub.server().stubFor(post(urlPathMatching(webhooks + "/\\d+/deactivate")).atPriority(1).willReturn(aResponse().withStatus(429)));
        assertError("mutation { deactivateWebhook(id: \"5\") { id } }",
                "PROVIDER_RATE_LIMITED", "Optimizely Campaign answered HTTP 429 (too many requests) on deactivateWebhook");

        stub.server().stubFor(get(urlPathMatching(webhooks + "/\\d+/verify")).atPriority(1).willReturn(aResponse().withStatus(500)
                .withBody("Internal Server Error")));
        assertError("mutation { verifyWebhook(id: \"5\", mailingId: \"77\") { httpStatusCode } }",
                "PROVIDER_ERROR", "Optimizely Campaign answered HTTP 500 on verifyWebhook: Internal Server Error");

        stub.server().stubFor(get(urlPathEqualTo(webhooks)).atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"httpStatusCode\":401,\"errorMessage\":\"Bad credentials\"}")));
        assertError("query { webhooks { id } }", "PROVIDER_UNAUTHORIZED",
                "Optimizely Campaign rejected the API credentials (HTTP 401) on selectWebhooks; check pulse.optimizely.api-user "
                        + "and pulse.optimizely.api-password: Bad credentials");
    }

    @Test
    void aProviderThatDoesNotAnswerIsUnavailable() {
        stub.server().stubFor(get(urlPathEqualTo("/rest/4711/webhooks")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]").withFixedDelay(13000)));

        assertError("query { webhooks { id } }", "PROVIDER_UNAVAILABLE",
                "Optimizely Campaign is unavailable: selectWebhooks got no answer (NoStackTraceTimeoutException");
    }

    @Test
    void theSchemaHasTheAdminSurfaceOfTheContract() {
        String schema = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();

        for (String expected : List.of("webhooks: [Webhook!]!", "createWebhook(input: WebhookInput!): Webhook!",
                "updateWebhook(id: ID!, input: WebhookInput!): Webhook!", "activateWebhook(id: ID!): Webhook!",
                "deactivateWebhook(id: ID!): Webhook!", "deleteWebhook(id: ID!): Boolean!",
                "verifyWebhook(id: ID!, mailingId: ID!, numberOfEvents: Int = 1): [WebhookVerification!]!",
                "syncWebhooks: WebhookSyncReport!", "input WebhookInput", "removed: [ID!]!", "authenticationType: String",
                "created: DateTime")) {
            assertTrue(schema.contains(expected), "schema lacks " + expected + "\n" + schema);
        }
    }

    private static void assertError(String operation, String code, String messageStart) {
        Response response = AdminGraphQL.asAdmin(operation);
        JsonPath json = response.jsonPath();
        assertEquals(code, json.getString("errors[0].extensions.code"), response.asString());
        assertTrue(json.getString("errors[0].message").startsWith(messageStart), response.asString());
    }
}
