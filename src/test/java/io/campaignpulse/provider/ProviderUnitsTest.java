package io.campaignpulse.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.campaignpulse.ingest.IngestConfig;
import io.campaignpulse.ingest.IngestConfig.AuthMode;
import io.campaignpulse.provider.ProviderException.Kind;
import io.campaignpulse.support.FixedIngestConfig;

/** The small pieces that need no running application. */
class ProviderUnitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theWebhookCarriesTheCredentialOfEachIngestMode() throws Exception {
        JsonNode header = JSON.readTree(WebhookAuthentication.of(ingest(AuthMode.HEADER)).formValue());
        JsonNode basic = JSON.readTree(WebhookAuthentication.of(ingest(AuthMode.BASIC)).formValue());
        JsonNode none = JSON.readTree(WebhookAuthentication.of(ingest(AuthMode.NONE)).formValue());

        assertEquals(JSON.readTree("{\"type\":\"keyAuth\",\"key\":\"X-Pulse-Key\",\"passphrase\":\"Bearer k\\\"ey\"}"), header);
        assertEquals(JSON.readTree("{\"type\":\"basicAuth\",\"userName\":\"optimizely\",\"password\":\"pa:ss\"}"), basic);
        assertEquals(JSON.readTree("{\"type\":\"none\"}"), none);
        assertFalse(WebhookAuthentication.of(ingest(AuthMode.BASIC)).toString().contains("pa:ss"));
    }

    @Test
    void aShownAuthenticationIsComparedOnlyByWhatTheProviderShows() {
        WebhookAuthentication ours = WebhookAuthentication.of(ingest(AuthMode.HEADER));

        assertTrue(ours.matches(null), "nothing shown: nothing to correct");
        assertTrue(ours.matches(new ProviderWebhook.Authentication("keyAuth", null, null)));
        assertTrue(ours.matches(new ProviderWebhook.Authentication("keyAuth", "x-pulse-key", null)));
        assertFalse(ours.matches(new ProviderWebhook.Authentication("keyAuth", "Authorization", null)));
        assertFalse(ours.matches(new ProviderWebhook.Authentication("none", null, null)));
        assertFalse(WebhookAuthentication.of(ingest(AuthMode.BASIC)).matches(new ProviderWebhook.Authentication("basicAuth", null, "someone")));
    }

    @Test
    void syncRefusesAnIncompleteOrWrongConfigurationBeforeAnyCall() {
        assertNotConfigured(webhooksConfig(Optional.empty(), List.of("open")), "pulse.webhooks.public-url is not set");
        assertNotConfigured(webhooksConfig(Optional.of("pulse.example.com/hook"), List.of("open")),
                "pulse.webhooks.public-url is not an absolute http(s) URL");
        assertNotConfigured(webhooksConfig(Optional.of("https://pulse.example.com/hook"), List.of("open", "opens")),
                "pulse.webhooks.types names an unknown type 'opens'");
    }

    @Test
    void errorsKeepTheProviderMessageOrItsRawText() {
        ProviderErrors errors = new ProviderErrors(List.of("topsecret", ""));

        assertEquals("Invalid type", errors.detail("{\"httpStatusCode\":400,\"errorMessage\":\"Invalid type\",\"violations\":[]}"));
        assertEquals("{\"httpStatusCode\":400}", errors.detail("{\"httpStatusCode\":400}"));
        assertEquals("Service Unavailable", errors.detail("  Service Unavailable \n"));
        assertEquals("", errors.detail(null));
        assertEquals("key *** leaked", errors.detail("key topsecret leaked"));
        assertTrue(errors.detail("x".repeat(2000)).length() < 600);
        ProviderException timeout = errors.map("selectWebhooks", new java.util.concurrent.TimeoutException("late"));
        assertEquals(Kind.UNAVAILABLE, timeout.kind());
        ProviderException wrapped = errors.map("x", new IllegalStateException("Retries exhausted",
                new ProviderException(Kind.FAILED, 500, "boom")));
        assertEquals("boom", wrapped.getMessage());
    }

    @Test
    void targetUrlsAreComparedAsEndpoints() {
        assertEquals(TargetUrls.canonical("https://pulse.example.com/webhooks/optimizely"),
                TargetUrls.canonical("HTTPS://Pulse.Example.com:443/webhooks/optimizely/"));
        assertFalse(TargetUrls.canonical("https://pulse.example.com/webhooks/optimizely")
                .equals(TargetUrls.canonical("https://pulse.example.com/webhooks/Optimizely")));
        assertFalse(TargetUrls.canonical("https://pulse.example.com:8443/a").equals(TargetUrls.canonical("https://pulse.example.com/a")));
        assertTrue(TargetUrls.parse("ftp://x.example.com").isEmpty());
        assertTrue(TargetUrls.parse("/relative").isEmpty());
        assertTrue(TargetUrls.parse("http://x.example.com").isPresent());
    }

    @Test
    void providerDatesAreReadLeniently() {
        assertEquals(OffsetDateTime.parse("2024-05-01T10:15:30+02:00"), LenientDateTimeDeserializer.parse("2024-05-01T10:15:30.000+0200"));
        assertEquals(OffsetDateTime.parse("2024-05-01T10:15:30Z"), LenientDateTimeDeserializer.parse("2024-05-01T10:15:30Z"));
        assertNull(LenientDateTimeDeserializer.parse("yesterday"));
        assertNull(LenientDateTimeDeserializer.parse(""));
    }

    @Test
    void typesAreTheTwelveOfTheOpenApi() {
        assertEquals(12, WebhookTypes.ALL.size());
        assertEquals(Optional.of("archive"), WebhookTypes.normalize("archived"));
        assertEquals(Optional.of("spamcomplaint"), WebhookTypes.normalize(" SpamComplaint "));
        assertEquals(Optional.empty(), WebhookTypes.normalize("webhooknode"));
    }

    private static void assertNotConfigured(WebhooksConfig config, String message) {
        WebhookReconciler reconciler = new WebhookReconciler(null, config, ingest(AuthMode.HEADER));
        ProviderException e = assertThrows(ProviderException.class, () -> reconciler.sync().await().atMost(Duration.ofSeconds(5)));
        assertEquals(Kind.NOT_CONFIGURED, e.kind());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    private static WebhooksConfig webhooksConfig(Optional<String> publicUrl, List<String> types) {
        return new WebhooksConfig() {
            @Override
            public Optional<String> publicUrl() {
                return publicUrl;
            }

            @Override
            public Optional<List<String>> types() {
                return Optional.of(types);
            }

            @Override
            public boolean syncOnStart() {
                return false;
            }

            @Override
            public Optional<List<String>> formerUrls() {
                return Optional.empty();
            }
        };
    }

    private static IngestConfig ingest(AuthMode mode) {
        return new FixedIngestConfig(mode, "X-Pulse-Key", Optional.of("Bearer k\"ey"), Optional.of("optimizely"),
                Optional.of("pa:ss"), 1000, 10);
    }
}
