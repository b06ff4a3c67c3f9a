package io.campaignpulse.security;

import java.util.Locale;
import java.util.Optional;

/** How GraphQL callers prove who they are ({@code pulse.graphql.auth}). */
public enum GraphQLAuthMode {
    /** Signed user tokens (MicroProfile JWT); the static read and admin tokens keep working for automation. */
    JWT,
    /** Only the static read token ({@code pulse.graphql.read-token}) and admin token. */
    TOKEN,
    /** Reads are open to anyone; the admin token still guards the webhook mutations. */
    NONE;

    static Optional<GraphQLAuthMode> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        for (GraphQLAuthMode mode : values()) {
            if (mode.name().equals(name)) {
                return Optional.of(mode);
            }
        }
        throw new IllegalArgumentException("pulse.graphql.auth must be jwt, token or none, was '" + value + "'");
    }
}
