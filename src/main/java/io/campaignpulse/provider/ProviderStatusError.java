package io.campaignpulse.provider;

/** A non-2xx answer of the provider, before it is turned into a {@link ProviderException}. */
final class ProviderStatusError extends RuntimeException {

    private final int status;
    private final String body;

    ProviderStatusError(int status, String body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.body = body == null ? "" : body;
    }

    int status() {
        return status;
    }

    String body() {
        return body;
    }
}
