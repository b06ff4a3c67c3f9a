package io.campaignpulse.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class AdminAccessTest {

    private final AdminAccess admin = new AdminAccess(Optional.of("s3cret"));

    @Test
    void acceptsExactlyTheBearerToken() {
        assertTrue(admin.permits("Bearer s3cret"));
        assertTrue(admin.permits("bearer s3cret"), "the scheme is case-insensitive (RFC 7235)");
        assertFalse(admin.permits("Bearer s3cre"));
        assertFalse(admin.permits("Bearer s3cretX"));
        assertFalse(admin.permits("s3cret"));
        assertFalse(admin.permits("Basic czNjcmV0"));
        assertFalse(admin.permits("Bearer "));
        assertFalse(admin.permits(""));
        assertFalse(admin.permits(null));
    }

    @Test
    void withoutAConfiguredTokenNobodyIsAdmin() {
        AdminAccess none = new AdminAccess(Optional.empty());
        AdminAccess blank = new AdminAccess(Optional.of("  "));

        assertFalse(none.configured());
        assertFalse(blank.configured());
        assertFalse(none.permits("Bearer "));
        assertFalse(blank.permits("Bearer   "));
        assertFalse(blank.permits("Bearer"));
    }
}
