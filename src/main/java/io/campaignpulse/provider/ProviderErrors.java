package io.campaignpulse.provider;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.campaignpulse.provider.ProviderException.Kind;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;

/** Turns whatever a provider call failed with into a {@link ProviderException} a person can act on. */
final class ProviderErrors {

    private static final int MAX_DETAIL_CHARS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> secrets;

    /** @param secrets values that must never appear in a message, even if the provider echoes them */
    ProviderErrors(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    ProviderException map(String operation, Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            // also found inside the wrapper Mutiny puts around the last failure when retries run out
            if (t instanceof ProviderException known) {
                return known;
            }
        }
        if (failure instanceof ProviderStatusError answer) {
            return fromStatus(operation, answer.status(), answer.body());
        }
        if (isUnreachable(failure)) {
            return new ProviderException(Kind.UNAVAILABLE, null,
                    "Optimizely Campaign is unavailable: " + operation + " got no answer ("
                            + describe(failure) + "); nothing is known about its outcome, try again later");
        }
        // e.g. a 2xx answer whose body is not the JSON the OpenAPI describes
        return new ProviderException(Kind.FAILED, null,
                "Optimizely Campaign call " + operation + " failed: " + describe(failure));
    }

    private ProviderException fromStatus(String operation, int status, String body) {
        String detail = detail(body);
        String said = detail.isEmpty() ? "" : ": " + detail;
        return switch (status) {
            case 401 -> new ProviderException(Kind.UNAUTHORIZED, status,
                    "Optimizely Campaign rejected the API credentials (HTTP 401) on " + operation
                            + "; check pulse.optimizely.api-user and pulse.optimizely.api-password" + said);
            case 404 -> new ProviderException(Kind.NOT_FOUND, status,
                    "Optimizely Campaign answered HTTP 404 on " + operation + said);
            case 429 -> new ProviderException(Kind.RATE_LIMITED, status,
                    "Optimizely Campaign answered HTTP 429 (too many requests) on " + operation + said);
            default -> new ProviderException(status >= 500 ? Kind.FAILED : Kind.REJECTED, status,
                    "Optimizely Campaign answered HTTP " + status + " on " + operation + said);
        };
    }

    /** The provider's {@code errorMessage} where its body has one, the raw text otherwise; shortened and scrubbed. */
    String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip();
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.hasNonNull("errorMessage")) {
                text = json.get("errorMessage").asText();
            }
        } catch (IOException notJson) {
            // plain text or HTML: report it as it came
        }
        return scrub(text.length() > MAX_DETAIL_CHARS ? text.substring(0, MAX_DETAIL_CHARS) + "…" : text);
    }

    String scrub(String text) {
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, "***");
        }
        return clean;
    }

    /** No answer at all: timed out, refused, reset or unknown host. An unreadable answer is not this. */
    private static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketException || t instanceof ConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof HttpClosedException
                    || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    /** The exception type and message: enough to tell a timeout from a refused connection, never a body. */
    private String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return scrub(root.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
