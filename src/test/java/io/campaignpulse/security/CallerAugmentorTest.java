package io.campaignpulse.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/** The seam with client isolation: every caller that may read carries the clients it may see. */
class CallerAugmentorTest {

    private static CallerAugmentor augmentor(String mode, String allClientsRole) {
        return new CallerAugmentor(new GraphQLAccessConfig(Optional.of(mode), Optional.of("read"), Optional.of("admin"), "*", "*",
                "optimizely_clients", Optional.ofNullable(allClientsRole)));
    }

    private static SecurityIdentity signed(String claimsJson, String... groups) throws Exception {
        JwtClaims claims = JwtClaims.parse(claimsJson);
        return QuarkusSecurityIdentity.builder().setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRoles(Set.of(groups)).build();
    }

    private static SecurityIdentity augment(CallerAugmentor augmentor, SecurityIdentity identity) {
        return augmentor.augment(identity, null).await().indefinitely();
    }

    @Test
    void aSignedTokensClientsComeFromItsClaimStringsOrNumbers() throws Exception {
        SecurityIdentity caller = augment(augmentor("jwt", null),
                signed("{\"sub\":\"ana\",\"exp\":2000000000,\"optimizely_clients\":[\"1001\",1002]}", Roles.READER));
        assertEquals(Set.of("1001", "1002"), caller.getAttribute(CallerAttributes.CLIENTS));
        assertEquals(Instant.ofEpochSecond(2_000_000_000L), caller.getAttribute(CallerAttributes.EXPIRES_AT));
        assertTrue(caller.hasRole(Roles.READER));
        assertFalse(caller.hasRole(Roles.ADMIN));
    }

    @Test
    void oneClientMayBeAPlainString() throws Exception {
        SecurityIdentity caller = augment(augmentor("jwt", null),
                signed("{\"sub\":\"ana\",\"optimizely_clients\":\"1001\"}", Roles.READER));
        assertEquals(Set.of("1001"), caller.getAttribute(CallerAttributes.CLIENTS));
    }

    @Test
    void withoutTheClaimACallerSeesNoClient() throws Exception {
        SecurityIdentity caller = augment(augmentor("jwt", null), signed("{\"sub\":\"ana\"}", Roles.READER));
        assertEquals(Set.of(), caller.getAttribute(CallerAttributes.CLIENTS));
    }

    @Test
    void everyClientOnlyThroughTheConfiguredRoleNeverThroughTheClaim() throws Exception {
        SecurityIdentity wildcard = augment(augmentor("jwt", null),
                signed("{\"sub\":\"ana\",\"optimizely_clients\":[\"*\",\"1001\"]}", Roles.READER));
        assertEquals(Set.of("1001"), wildcard.getAttribute(CallerAttributes.CLIENTS));

        SecurityIdentity support = augment(augmentor("jwt", "pulse-all-clients"),
                signed("{\"sub\":\"ops\",\"optimizely_clients\":[\"1001\"]}", Roles.READER, "pulse-all-clients"));
        assertEquals(Set.of("1001", "*"), support.getAttribute(CallerAttributes.CLIENTS));
        SecurityIdentity notSupport = augment(augmentor("jwt", "pulse-all-clients"),
                signed("{\"sub\":\"ana\",\"optimizely_clients\":[\"1001\"]}", Roles.READER));
        assertEquals(Set.of("1001"), notSupport.getAttribute(CallerAttributes.CLIENTS));
    }

    @Test
    void anAdminIsAlsoAReader() throws Exception {
        SecurityIdentity admin = augment(augmentor("jwt", null), signed("{\"sub\":\"root\"}", Roles.ADMIN));
        assertTrue(admin.hasRole(Roles.READER));
        assertTrue(admin.hasRole(Roles.ADMIN));
    }

    @Test
    void openModeLetsTheAnonymousCallerReadEveryClientOtherModesDoNot() {
        SecurityIdentity anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        SecurityIdentity open = augment(augmentor("none", null), anonymous);
        assertTrue(open.hasRole(Roles.READER));
        assertEquals(Set.of("*"), open.getAttribute(CallerAttributes.CLIENTS));
        for (String mode : new String[] { "jwt", "token" }) {
            SecurityIdentity closed = augment(augmentor(mode, null), anonymous);
            assertFalse(closed.hasRole(Roles.READER), mode);
            assertNull(closed.getAttribute(CallerAttributes.CLIENTS), mode);
        }
    }

    @Test
    void staticTokensKeepTheClientsTheirProviderGave() {
        SecurityIdentity readToken = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("read-token"))
                .addRole(Roles.READER).addAttribute(CallerAttributes.CLIENTS, Set.of("1001")).build();
        assertEquals(Set.of("1001"), augment(augmentor("jwt", null), readToken).getAttribute(CallerAttributes.CLIENTS));
    }
}
