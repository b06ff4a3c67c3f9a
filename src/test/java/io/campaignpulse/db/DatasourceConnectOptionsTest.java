package io.campaignpulse.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/** The LISTEN connection honours the datasource's own settings, TLS included, not just its URL. */
class DatasourceConnectOptionsTest {

    @Test
    void urlCredentialsTlsAndPropertiesAsThePoolHasThem() {
        PgConnectOptions options = DatasourceConnectOptions.of(config(Map.of(
                "quarkus.datasource.reactive.url", "postgresql://db.example.com:6432/pulse",
                "quarkus.datasource.username", "pulse",
                "quarkus.datasource.password", "s3cret",
                "quarkus.datasource.reactive.postgresql.ssl-mode", "verify-full",
                "quarkus.datasource.reactive.trust-certificate-pem.certs", "/etc/pulse/ca.pem",
                "quarkus.datasource.reactive.hostname-verification-algorithm", "HTTPS",
                "quarkus.datasource.reactive.additional-properties.jit", "off")));
        assertEquals("db.example.com", options.getHost());
        assertEquals(6432, options.getPort());
        assertEquals("pulse", options.getDatabase());
        assertEquals("pulse", options.getUser());
        assertEquals("s3cret", options.getPassword());
        assertEquals(SslMode.VERIFY_FULL, options.getSslMode());
        assertTrue(options.getPemTrustOptions().getCertPaths().contains("/etc/pulse/ca.pem"));
        assertEquals("HTTPS", options.getHostnameVerificationAlgorithm());
        assertEquals("off", options.getProperties().get("jit"));
    }

    @Test
    void theUrlsOwnParametersAndCredentialsWin() {
        PgConnectOptions options = DatasourceConnectOptions.of(config(Map.of(
                "quarkus.datasource.reactive.url", "postgresql://owner:pw@db.example.com/pulse?sslmode=require",
                "quarkus.datasource.username", "other",
                "quarkus.datasource.password", "other")));
        assertEquals("owner", options.getUser());
        assertEquals("pw", options.getPassword());
        assertEquals(SslMode.REQUIRE, options.getSslMode());
        assertFalse(options.isTrustAll());
        assertNull(options.getPemTrustOptions());
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }
}
