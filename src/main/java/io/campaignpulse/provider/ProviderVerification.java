package io.campaignpulse.provider;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One answer of the provider's verify call ({@code RestWebhookVerify}): how our endpoint answered the test delivery. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderVerification(Long id, Integer httpStatusCode, String responseBody, Integer numberOfEvents, String targetUrl) {
}
