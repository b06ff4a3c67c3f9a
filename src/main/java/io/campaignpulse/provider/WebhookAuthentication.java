package io.campaignpulse.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.campaignpulse.ingest.IngestConfig;

/**
 * The {@code authentication} form field of a webhook: what the provider will send with every delivery.
 * Built from the very credential our ingest endpoint checks, so the two cannot drift apart.
 * Holds a secret: {@link #toString()} never shows it.
 */
public final class WebhookAuthentication {

    public static final String NONE = "none";
    public static final String BASIC_AUTH = "basicAuth";
    public static final String KEY_AUTH = "keyAuth";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String type;
    private final String publicPart;
    private final String secret;

    private WebhookAuthentication(String type, String publicPart, String secret) {
        this.type = type;
        this.publicPart = publicPart;
        this.secret = secret;
    }

    /** keyAuth for {@code pulse.ingest.auth=header}, basicAuth for {@code basic}, none for {@code none}. */
    public static WebhookAuthentication of(IngestConfig ingest) {
        return switch (ingest.auth()) {
            case HEADER -> new WebhookAuthentication(KEY_AUTH, ingest.headerName(),
                    ingest.headerValue().orElseThrow(() -> new IllegalStateException("pulse.ingest.header-value is not set")));
            case BASIC -> new WebhookAuthentication(BASIC_AUTH,
                    ingest.basicUsername().orElseThrow(() -> new IllegalStateException("pulse.ingest.basic-username is not set")),
                    ingest.basicPassword().orElseThrow(() -> new IllegalStateException("pulse.ingest.basic-password is not set")));
            case NONE -> new WebhookAuthentication(NONE, null, null);
        };
    }

    public String type() {
        return type;
    }

    /** The JSON text the provider expects in the {@code authentication} form field. */
    String formValue() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", type);
        switch (type) {
            case KEY_AUTH -> {
                fields.put("key", publicPart);
                fields.put("passphrase", secret);
            }
            case BASIC_AUTH -> {
                fields.put("userName", publicPart);
                fields.put("password", secret);
            }
            default -> {
            }
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a map of strings is always JSON", impossible);
        }
    }

    /**
     * Whether a webhook's authentication, as far as the provider shows it, is this one. The provider may
     * leave out parts (or all of it); what it does not show cannot be compared and is taken as matching,
     * so that a sync does not rewrite webhooks forever. A rotated secret is not visible here.
     */
    boolean matches(ProviderWebhook.Authentication shown) {
        if (shown == null || shown.type() == null) {
            return true;
        }
        if (!type.equalsIgnoreCase(shown.type())) {
            return false;
        }
        return switch (type) {
            case KEY_AUTH -> shown.key() == null || shown.key().equalsIgnoreCase(publicPart);
            case BASIC_AUTH -> shown.userName() == null || Objects.equals(shown.userName(), publicPart);
            default -> true;
        };
    }

    @Override
    public String toString() {
        return "WebhookAuthentication[" + type + (publicPart == null ? "" : ", " + publicPart) + "]";
    }
}
