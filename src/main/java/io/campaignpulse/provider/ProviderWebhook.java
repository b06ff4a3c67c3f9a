package io.campaignpulse.provider;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A webhook as the provider returns it ({@code RestWebhook}). Only the non-secret parts of its
 * {@code authentication} are read, so a password or passphrase the provider might echo is never held.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderWebhook(
        Long id,
        String type,
        String status,
        String format,
        String targetUrl,
        Authentication authentication,
        @JsonDeserialize(using = LenientDateTimeDeserializer.class) OffsetDateTime created,
        @JsonDeserialize(using = LenientDateTimeDeserializer.class) OffsetDateTime modified) {

    public static final String ACTIVATED = "activated";
    public static final String DELETED = "deleted";

    public boolean activated() {
        return ACTIVATED.equalsIgnoreCase(status);
    }

    public boolean deleted() {
        return DELETED.equalsIgnoreCase(status);
    }

    public String authenticationType() {
        return authentication == null ? null : authentication.type();
    }

    /** {@code none}, {@code basicAuth} or {@code keyAuth}, with the header name or user name, never the secret. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Authentication(String type, String key, String userName) {
    }
}
