package io.campaignpulse.support;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Signed tokens minted in the test, as an identity provider would issue them, with the test key pair
 * (src/test/resources/jwt/): the service is given the public key, the tests sign with the private one.
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp.test.campaignpulse.io/";
    public static final String AUDIENCE = "campaign-pulse";
    public static final String READ_TOKEN = "jwt-mode-read-token";
    public static final String ADMIN_TOKEN = "jwt-mode-admin-token";

    private static final PrivateKey KEY = load("jwt/test-private.pem");

    private TestTokens() {
    }

    public static final String FRONTEND_ORIGIN = "https://app.example.com";

    /**
     * A frontend's setup: {@code pulse.graphql.auth=jwt} with the test key, issuer and audience, static tokens for
     * automation, and the frontend's origin allowed by CORS.
     */
    public static class JwtMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.graphql.auth", "jwt",
                    "quarkus.http.cors.origins", FRONTEND_ORIGIN,
                    "mp.jwt.verify.publickey.location", "jwt/test-public.pem",
                    "mp.jwt.verify.issuer", ISSUER,
                    "mp.jwt.verify.audiences", AUDIENCE,
                    "pulse.graphql.read-token", READ_TOKEN,
                    "pulse.admin.token", ADMIN_TOKEN);
        }
    }

    /** Claims of a valid token for {@code subject} in {@code groups}, expiring in five minutes. */
    public static JwtClaimsBuilder claims(String subject, String... groups) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).expiresIn(Duration.ofMinutes(5));
        if (groups.length > 0) {
            claims.groups(Set.of(groups));
        }
        return claims;
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().sign(KEY);
    }

    /** A reader's token seeing the given Optimizely clients. */
    public static String reader(String... clients) {
        return sign(claims("reader@example.com", "pulse-reader").claim("optimizely_clients", List.of(clients)));
    }

    public static String admin(String... clients) {
        return sign(claims("admin@example.com", "pulse-admin").claim("optimizely_clients", List.of(clients)));
    }

    /** Signed with a key the service does not know. */
    public static String signedByAnotherKey(JwtClaimsBuilder claims) {
        try {
            return claims.jws().sign(KeyUtils.generateKeyPair(2048).getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey load(String resource) {
        try {
            return KeyUtils.readPrivateKey(resource);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test key " + resource, e);
        }
    }
}
