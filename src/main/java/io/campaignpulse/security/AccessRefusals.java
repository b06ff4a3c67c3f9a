package io.campaignpulse.security;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * What a caller refused by {@code @RolesAllowed} is told: UNAUTHORIZED (no credential, or one that was refused,
 * and why) or FORBIDDEN (a known caller without the role).
 */
public final class AccessRefusals {

    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String FORBIDDEN = "FORBIDDEN";

    private static final String HOW = "Send `Authorization: Bearer <token>` (over WebSocket: "
            + "{\"Authorization\": \"Bearer <token>\"} as the connection_init payload).";

    private AccessRefusals() {
    }

    /** The code of a security failure, or null when {@code failure} is none. */
    public static String codeOf(Throwable failure) {
        if (failure instanceof ForbiddenException) {
            return FORBIDDEN;
        }
        if (failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException) {
            return UNAUTHORIZED;
        }
        return null;
    }

    public static String message(String code, SecurityIdentity caller) {
        if (FORBIDDEN.equals(code)) {
            return "The caller " + (caller == null ? "" : "'" + caller.getPrincipal().getName() + "' ")
                    + "lacks the role this operation needs (queries and subscriptions: " + Roles.READER
                    + ", webhook administration: " + Roles.ADMIN + ").";
        }
        String refused = caller == null ? null : caller.getAttribute(CallerAttributes.REFUSED);
        return refused == null
                ? "This operation needs a credential. " + HOW
                : "The credential was refused: " + refused + ". " + HOW;
    }

    /** The caller of the operation running now, when it can be known without waiting; else null. */
    public static SecurityIdentity currentCaller() {
        try (InstanceHandle<CurrentIdentityAssociation> association = Arc.container().instance(CurrentIdentityAssociation.class)) {
            if (!association.isAvailable() || !Arc.container().requestContext().isActive()) {
                return null;
            }
            // resolved before the operation runs (proactive authentication): getIdentity() does not wait then
            return association.get().getIdentity();
        } catch (RuntimeException unknown) {
            return null;
        }
    }
}
