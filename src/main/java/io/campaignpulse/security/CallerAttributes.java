package io.campaignpulse.security;

/** Attributes this service puts on a {@link io.quarkus.security.identity.SecurityIdentity}. */
public final class CallerAttributes {

    /**
     * The Optimizely clientIds the caller may see, a {@code Set<String>}; {@code "*"} in it means every client.
     * Read through {@link ClientScope}, which defines it; absent means nothing may be seen.
     */
    public static final String CLIENTS = ClientScope.ATTRIBUTE;

    /** Why a presented credential was refused, a String; the caller then is anonymous. */
    public static final String REFUSED = "pulse.credential-refused";

    /** When the caller's credential stops being valid, an {@link java.time.Instant}; absent: it does not expire. */
    public static final String EXPIRES_AT = "pulse.credential-expires-at";

    /** Every client. */
    public static final String ALL_CLIENTS = ClientScope.EVERY_CLIENT;

    private CallerAttributes() {
    }
}
