package io.campaignpulse.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;

class StaticTokenIdentityProviderTest {

    private static StaticTokenIdentityProvider provider(String readToken, String adminToken) {
        return provider(readToken, adminToken, new WarmupToken());
    }

    private static StaticTokenIdentityProvider provider(String readToken, String adminToken, WarmupToken warmup) {
        return new StaticTokenIdentityProvider(new GraphQLAccessConfig(Optional.of("token"), Optional.ofNullable(readToken),
                Optional.ofNullable(adminToken), "1001, 1002", "*", "optimizely_clients", Optional.empty()), warmup);
    }

    @Test
    void theWarmupTokenIsReaderOfNoRealClientWhileItLives() {
        WarmupToken warmup = new WarmupToken();
        StaticTokenIdentityProvider provider = provider("r3ad", "s3cret", warmup);
        String token = warmup.issue();
        SecurityIdentity identity = authenticate(provider, token);
        assertTrue(identity.hasRole(Roles.READER));
        assertFalse(identity.hasRole(Roles.ADMIN));
        assertTrue(ClientScope.of(identity).seesNothing() == false, "its queries run (and find nothing)");
        assertEquals(Set.of("-1"), identity.getAttribute(CallerAttributes.CLIENTS));
        String next = warmup.issue();
        assertThrows(AuthenticationFailedException.class, () -> authenticate(provider, token), "a new warm-up replaces the token");
        warmup.retire();
        assertThrows(AuthenticationFailedException.class, () -> authenticate(provider, next), "retired");
        assertThrows(AuthenticationFailedException.class, () -> authenticate(provider, ""), "no token while none is issued");
    }

    private static SecurityIdentity authenticate(StaticTokenIdentityProvider provider, String token) {
        return provider.authenticate(new StaticTokenRequest(token), null).await().indefinitely();
    }

    @Test
    void theAdminTokenIsAdminAndReaderOfEveryClient() {
        SecurityIdentity admin = authenticate(provider("r3ad", "s3cret"), "s3cret");
        assertTrue(admin.hasRole(Roles.ADMIN));
        assertTrue(admin.hasRole(Roles.READER));
        assertEquals(Set.of("*"), admin.getAttribute(CallerAttributes.CLIENTS));
    }

    @Test
    void theReadTokenIsReaderOfItsConfiguredClients() {
        SecurityIdentity reader = authenticate(provider("r3ad", "s3cret"), "r3ad");
        assertTrue(reader.hasRole(Roles.READER));
        assertFalse(reader.hasRole(Roles.ADMIN));
        assertEquals(Set.of("1001", "1002"), reader.getAttribute(CallerAttributes.CLIENTS));
    }

    @Test
    void anythingElseFails() {
        StaticTokenIdentityProvider provider = provider("r3ad", "s3cret");
        for (String token : new String[] { "s3cre", "s3cretX", "r3a", "", "S3CRET" }) {
            assertThrows(AuthenticationFailedException.class, () -> authenticate(provider, token), token);
        }
    }

    @Test
    void withoutConfiguredTokensNothingMatchesNotEvenBlank() {
        StaticTokenIdentityProvider none = provider(null, null);
        StaticTokenIdentityProvider blank = provider(" ", "  ");
        for (String token : new String[] { "", " ", "null" }) {
            assertThrows(AuthenticationFailedException.class, () -> authenticate(none, token), token);
            assertThrows(AuthenticationFailedException.class, () -> authenticate(blank, token), token);
        }
    }
}
