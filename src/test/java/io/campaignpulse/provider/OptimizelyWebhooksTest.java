package io.campaignpulse.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.campaignpulse.provider.OptimizelyStub.Handle;
import io.campaignpulse.provider.OptimizelyStub.InjectOptimizely;
import io.campaignpulse.provider.ProviderException.Kind;
import io.campaignpulse.support.CapturedLogs;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** Every webhook operation against the stubbed provider: the request as the OpenAPI wants it, every kind of answer. */
@QuarkusTest
@WithTestResource(OptimizelyStub.class)
class OptimizelyWebhooksTest {

    private static final String WEBHOOKS = "/rest/4711/webhooks";
    private static final String KEY_AUTH = "{\"type\":\"keyAuth\",\"key\":\"Authorization\",\"passphrase\":\"Bearer test-secret\"}";

    @InjectOptimizely
    Handle stub;

    @Inject
    OptimizelyWebhooks webhooks;

    @Inject
    WebhookCredentialPolicy credentials;

    @Inject
    MeterRegistry metrics;

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.showingNoneOf(FakeOptimizely.API_PASSWORD, "test-secret",
            FakeOptimizely.basicAuthorization().substring(6));

    @BeforeEach
    void reset() {
        stub.reset();
    }

    @Test
    void createSendsTheFormFieldsOfTheOpenApiAndReadsThe201() {
        WebhookAuthentication ours = credentials.forTarget(OptimizelyStub.PUBLIC_URL).orElseThrow();

        ProviderWebhook created = await(webhooks.create("open", OptimizelyStub.PUBLIC_URL, ours));

        assertEquals("open", created.type());
        assertEquals("created", created.status());
        assertEquals("keyAuth", created.authenticationType());
        assertEquals(OffsetDateTime.parse("2024-05-01T10:15:30+02:00"), created.created(), "offset without colon is read");
        stub.server().verify(1, postRequestedFor(urlEqualTo(WEBHOOKS))
                .withHeader("Authorization", equalTo(FakeOptimizely.basicAuthorization()))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withHeader("Accept", containing("application/json"))
                .withHeader("Accept", containing(FakeOptimizely.BROADMAIL_JSON))
                .withFormParam("type", equalTo("open"))
                .withFormParam("format", equalTo("json"))
                .withFormParam("targetUrl", equalTo(OptimizelyStub.PUBLIC_URL))
                .withFormParam("authentication", equalToJson(KEY_AUTH)));
        stub.assertContractKept();
    }

    @Test
    void createForAnotherUrlCarriesNoCredentialOfOurs() {
        assertTrue(credentials.forTarget("https://elsewhere.example.com/hook").isEmpty());

        await(webhooks.create("click", "https://elsewhere.example.com/hook", null));

        stub.server().verify(postRequestedFor(urlEqualTo(WEBHOOKS)).withFormParam("type", equalTo("click"))
                .withRequestBody(absentOr("authentication")));
        stub.assertContractKept();
    }

    @Test
    void listPagesWithOffsetAndLimitUntilAShortPage() {
        for (int i = 0; i < 12; i++) {
            stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, "{\"type\":\"none\"}");
        }

        List<ProviderWebhook> all = await(webhooks.list());

        assertEquals(12, all.size());
        assertEquals(12, all.stream().map(ProviderWebhook::id).distinct().count());
        for (int offset : new int[] { 0, 5, 10 }) {
            stub.server().verify(1, getRequestedFor(urlEqualTo(WEBHOOKS + "?sort=ID&direction=ASC&offset=" + offset + "&limit=5"))
                    .withHeader("Authorization", equalTo(FakeOptimizely.basicAuthorization())));
        }
        assertEquals(3, stub.calls().size());
        stub.assertContractKept();
    }

    @Test
    void listAsksOnceMoreWhenTheLastPageIsFull() {
        for (int i = 0; i < 5; i++) {
            stub.fake().seed("click", "created", OptimizelyStub.PUBLIC_URL, null);
        }

        assertEquals(5, await(webhooks.list()).size());

        stub.server().verify(1, getRequestedFor(urlEqualTo(WEBHOOKS + "?sort=ID&direction=ASC&offset=5&limit=5")));
        assertEquals(2, stub.calls().size());
    }

    @Test
    void listReadsBothMediaTypesAndNeverHoldsTheEchoedSecret() {
        stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, KEY_AUTH);
        stub.server().stubFor(get(urlPathEqualTo(WEBHOOKS)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"id\":7,\"type\":\"archived\",\"status\":\"activated\",\"format\":\"json\",\"targetUrl\":\"x\","
                        + "\"authentication\":" + KEY_AUTH + ",\"created\":\"2024-05-01T10:15:30Z\",\"unknownField\":1}]")));

        List<ProviderWebhook> plainJson = await(webhooks.list());
        stub.reset();
        stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, KEY_AUTH);
        List<ProviderWebhook> vendorJson = await(webhooks.list());

        assertEquals("archived", plainJson.get(0).type());
        assertEquals(1, vendorJson.size());
        assertEquals("keyAuth", vendorJson.get(0).authenticationType());
        assertFalse(vendorJson.get(0).toString().contains("test-secret"), vendorJson.get(0).toString());
        assertFalse(plainJson.get(0).toString().contains("test-secret"));
    }

    @Test
    void updateActivateDeactivateDeleteAndVerifyFollowTheOpenApi() {
        long id = stub.fake().seed("open", "created", "https://old.example.com/x", null);
        WebhookAuthentication ours = credentials.forTarget(OptimizelyStub.PUBLIC_URL).orElseThrow();

        ProviderWebhook updated = await(webhooks.update(id, "open", OptimizelyStub.PUBLIC_URL, ours));
        ProviderWebhook active = await(webhooks.activate(id));
        List<ProviderVerification> verified = await(webhooks.verify(id, 123456, 3));
        ProviderWebhook inactive = await(webhooks.deactivate(id));
        await(webhooks.delete(id));

        assertEquals(OptimizelyStub.PUBLIC_URL, updated.targetUrl());
        assertEquals("activated", active.status());
        assertEquals("deactivated", inactive.status());
        assertEquals(1, verified.size());
        assertEquals(200, verified.get(0).httpStatusCode());
        assertEquals(3, verified.get(0).numberOfEvents());
        assertNull(stub.fake().get(id));
        String one = WEBHOOKS + "/" + id;
        stub.server().verify(putRequestedFor(urlEqualTo(one))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("type", equalTo("open")).withFormParam("format", equalTo("json"))
                .withFormParam("targetUrl", equalTo(OptimizelyStub.PUBLIC_URL))
                .withFormParam("authentication", equalToJson(KEY_AUTH)));
        stub.server().verify(postRequestedFor(urlEqualTo(one + "/activate")));
        stub.server().verify(postRequestedFor(urlEqualTo(one + "/deactivate")));
        stub.server().verify(getRequestedFor(urlEqualTo(one + "/verify?mailingId=123456&numberOfEvents=3")));
        stub.server().verify(deleteRequestedFor(urlEqualTo(one))); // the stub refuses any body on delete
        stub.assertContractKept();
    }

    @Test
    void deactivateAndDeleteDeactivatesAnActiveWebhookFirst() {
        long id = stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, null);

        await(webhooks.find(id).flatMap(webhooks::deactivateAndDelete));

        assertNull(stub.fake().get(id));
        List<String> changes = stub.changingCalls().stream().map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList();
        assertEquals(List.of("POST " + WEBHOOKS + "/" + id + "/deactivate", "DELETE " + WEBHOOKS + "/" + id), changes);
    }

    @Test
    void findOfAnUnknownIdIsNotFound() {
        ProviderException e = failure(webhooks.find(99));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("no webhook with id 99"), e.getMessage());
    }

    @Test
    void badRequestKeepsTheProviderMessage() {
        stub.server().stubFor(post(urlPathEqualTo(WEBHOOKS)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"httpStatusCode\":400,\"errorMessage\":\"Invalid target URL\",\"violations\":[]}")));

        ProviderException e = failure(webhooks.create("open", "https://x.example.com", null));

        assertEquals(Kind.REJECTED, e.kind());
        assertEquals(400, e.status());
        assertEquals("Optimizely Campaign answered HTTP 400 on createWebhook: Invalid target URL", e.getMessage());
        assertEquals(1, stub.calls().size(), "create is never repeated");
    }

    @Test
    void notFoundAndActivatingAnActiveWebhookAreReported() {
        ProviderException missing = failure(webhooks.activate(42));
        long id = stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, null);
        ProviderException already = failure(webhooks.activate(id));
        ProviderException deleteActive = failure(webhooks.delete(id));

        assertEquals(Kind.NOT_FOUND, missing.kind());
        assertTrue(missing.getMessage().contains("HTTP 404 on activateWebhook: Webhook 42 not found"), missing.getMessage());
        assertEquals(Kind.REJECTED, already.kind());
        assertTrue(already.getMessage().contains("already in status"), already.getMessage());
        assertTrue(deleteActive.getMessage().contains("HTTP 400 on deleteWebhook"), deleteActive.getMessage());
    }

    @Test
    void conflictWithRawTextBodyIsReportedAsItCame() {
        stub.server().stubFor(put(urlPathMatching(WEBHOOKS + "/\\d+")).atPriority(1).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "text/plain").withBody("webhook belongs to another client")));

        ProviderException e = failure(webhooks.update(5, "open", "https://x.example.com", null));

        assertEquals(Kind.REJECTED, e.kind());
        assertEquals(409, e.status());
        assertTrue(e.getMessage().endsWith("HTTP 409 on updateWebhook: webhook belongs to another client"), e.getMessage());
        assertEquals(1, stub.calls().size(), "409 is not retried");
    }

    @Test
    void unauthorizedMeansBadApiCredentials() {
        stub.server().stubFor(get(urlPathEqualTo(WEBHOOKS)).atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "text/html").withBody("<html>Unauthorized</html>")));
        double before = errorCount("selectWebhooks", "401");

        ProviderException e = failure(webhooks.list());

        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("rejected the API credentials (HTTP 401)"), e.getMessage());
        assertTrue(e.getMessage().contains("pulse.optimizely.api-user"), e.getMessage());
        assertEquals(1, stub.calls().size(), "401 is not retried");
        assertEquals(before + 1, errorCount("selectWebhooks", "401"));
    }

    @Test
    void tooManyRequestsOnAListIsRetriedWithBackOff() {
        stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, null);
        stub.server().stubFor(get(urlPathEqualTo(WEBHOOKS)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .atPriority(1).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"httpStatusCode\":429,\"errorMessage\":\"Too many requests\"}"))
                .willSetStateTo("calm"));

        assertEquals(1, await(webhooks.list()).size());

        assertEquals(2, stub.calls().size());
    }

    @Test
    void tooManyRequestsOnACreateIsNotRepeated() {
        stub.server().stubFor(post(urlPathEqualTo(WEBHOOKS)).atPriority(1).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("{\"httpStatusCode\":429,\"errorMessage\":\"Slow down\"}")));

        ProviderException e = failure(webhooks.create("open", OptimizelyStub.PUBLIC_URL, null));

        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertTrue(e.getMessage().contains("HTTP 429"), e.getMessage());
        assertEquals(1, stub.calls().size());
    }

    @Test
    void serverErrorsOnAnUpdateAreRetriedUntilItSucceeds() {
        long id = stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, null);
        String one = WEBHOOKS + "/" + id;
        stub.server().stubFor(put(urlEqualTo(one)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .atPriority(1).willReturn(aResponse().withStatus(500).withBody("oops")).willSetStateTo("second"));
        stub.server().stubFor(put(urlEqualTo(one)).inScenario("flaky").whenScenarioStateIs("second")
                .atPriority(1).willReturn(aResponse().withStatus(502).withBody("bad gateway")).willSetStateTo("fine"));

        ProviderWebhook updated = await(webhooks.update(id, "open", "https://new.example.com/x", null));

        assertEquals("https://new.example.com/x", updated.targetUrl());
        assertEquals(3, stub.calls().size());
    }

    @Test
    void serverErrorsOnAListGiveUpAfterTheConfiguredRetries() {
        stub.server().stubFor(get(urlPathEqualTo(WEBHOOKS)).atPriority(1).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"httpStatusCode\":500,\"errorMessage\":\"Internal error\"}")));

        ProviderException e = failure(webhooks.list());

        assertEquals(Kind.FAILED, e.kind());
        assertEquals("Optimizely Campaign answered HTTP 500 on selectWebhooks: Internal error", e.getMessage());
        assertEquals(4, stub.calls().size(), "first attempt and 3 retries");
    }

    @Test
    void serverErrorOnActivateIsNotRepeated() {
        stub.server().stubFor(post(urlPathMatching(WEBHOOKS + "/\\d+/activate")).atPriority(1)
                .willReturn(aResponse().withStatus(500)));

        ProviderException e = failure(webhooks.activate(3));

        assertEquals(Kind.FAILED, e.kind());
        assertEquals(1, stub.calls().size());
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsUnavailable() {
        stub.server().stubFor(get(urlPathEqualTo(WEBHOOKS)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]").withFixedDelay(13000)));
        double before = errorCount("selectWebhooks", "unavailable");

        ProviderException e = failure(webhooks.list());

        assertEquals(Kind.UNAVAILABLE, e.kind());
        assertNull(e.status());
        assertTrue(e.getMessage().startsWith("Optimizely Campaign is unavailable: selectWebhooks got no answer (NoStackTraceTimeoutException: The timeout period of 10000ms"), e.getMessage());
        assertEquals(before + 1, errorCount("selectWebhooks", "unavailable"));
    }

    @Test
    void aBrokenConnectionIsUnavailableButAnUnreadableAnswerIsAFailure() {
        stub.server().stubFor(post(urlPathMatching(WEBHOOKS + "/\\d+/activate")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        stub.server().stubFor(post(urlPathMatching(WEBHOOKS + "/\\d+/deactivate")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{not json")));

        ProviderException reset = failure(webhooks.activate(1));
        ProviderException unreadable = failure(webhooks.deactivate(1));

        assertEquals(Kind.UNAVAILABLE, reset.kind(), reset.getMessage());
        assertEquals(Kind.FAILED, unreadable.kind(), unreadable.getMessage());
        assertTrue(unreadable.getMessage().startsWith("Optimizely Campaign call deactivateWebhook failed: "), unreadable.getMessage());
    }

    @Test
    void anEchoedSecretIsScrubbedFromErrorMessages() {
        stub.server().stubFor(post(urlPathEqualTo(WEBHOOKS)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessage\":\"bad authentication {passphrase: Bearer test-secret}\"}")));

        ProviderException e = failure(webhooks.create("open", OptimizelyStub.PUBLIC_URL,
                credentials.forTarget(OptimizelyStub.PUBLIC_URL).orElseThrow()));

        assertFalse(e.getMessage().contains("test-secret"), e.getMessage());
        assertTrue(e.getMessage().endsWith("bad authentication {passphrase: ***}"), e.getMessage());
    }

    @Test
    void theCredentialNeverShowsInToString() {
        WebhookAuthentication ours = credentials.forTarget(OptimizelyStub.PUBLIC_URL).orElseThrow();
        assertFalse(ours.toString().contains("test-secret"));
        assertNotNull(ours.formValue());
    }

    private double errorCount(String operation, String status) {
        var counter = metrics.find("pulse.provider.errors").tag("operation", operation).tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(20));
    }

    private static ProviderException failure(Uni<?> uni) {
        return assertThrows(ProviderException.class, () -> await(uni));
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern absentOr(String field) {
        return com.github.tomakehurst.wiremock.client.WireMock.notContaining(field + "=");
    }

}
