package io.campaignpulse.security;

/**
 * Why a signed token was refused, told to the caller. Only expiry is told apart (a client then fetches a fresh
 * token); every other cause (signature, issuer, audience, format) gets one answer, which tells an attacker nothing.
 */
final class JwtRefusals {

    private JwtRefusals() {
    }

    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("Expiration Time")) {
                return "the token has expired";
            }
        }
        return "the token is not valid (signature, issuer, audience or format)";
    }
}
