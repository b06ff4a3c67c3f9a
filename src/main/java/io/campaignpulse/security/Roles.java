package io.campaignpulse.security;

/** The roles of GraphQL callers, whatever their credential (signed token, static token, open mode). */
public final class Roles {

    /** Queries and subscriptions. */
    public static final String READER = "pulse-reader";
    /** Webhook management, and everything a reader may do. */
    public static final String ADMIN = "pulse-admin";

    private Roles() {
    }
}
