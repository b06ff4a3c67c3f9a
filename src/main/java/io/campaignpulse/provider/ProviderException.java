package io.campaignpulse.provider;

/**
 * A provider call that did not succeed, described for a person: the message names the operation, and carries
 * the provider's HTTP status and its own message where it gave one. Never carries a secret.
 */
public class ProviderException extends RuntimeException {

    public enum Kind {
        /** pulse.optimizely.* is incomplete: no call was made. */
        NOT_CONFIGURED,
        /** 401: the API user or password is wrong. */
        UNAUTHORIZED,
        /** 404 */
        NOT_FOUND,
        /** 400, 409 and other 4xx: the provider refused what was asked. */
        REJECTED,
        /** 429, after the retries allowed for the call. */
        RATE_LIMITED,
        /** 5xx, after the retries allowed for the call. */
        FAILED,
        /** timeout or connection failure: nothing known about the outcome. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final Integer status;

    public ProviderException(Kind kind, Integer status, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's HTTP status; null when no answer came. */
    public Integer status() {
        return status;
    }

    /** Worth trying again after a pause: the provider asked to slow down or failed on its side. */
    boolean transientFailure() {
        return kind == Kind.RATE_LIMITED || kind == Kind.FAILED;
    }
}
