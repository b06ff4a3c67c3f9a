package io.campaignpulse.db;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * Connect options for a connection of our own to the application's database (the LISTEN connection of the
 * live feed), built from the same {@code quarkus.datasource.*} keys as Quarkus' reactive pool: the URL
 * (with its own parameters, e.g. {@code ?sslmode=require}), the credentials, the TLS settings
 * (ssl-mode, trust-all, trusted certificates, hostname verification) and the additional connection
 * properties. A production database that requires TLS then serves live updates as it serves queries.
 */
public final class DatasourceConnectOptions {

    private static final String REACTIVE = "quarkus.datasource.reactive.";

    private DatasourceConnectOptions() {
    }

    public static PgConnectOptions of(Config config) {
        String url = config.getValue(REACTIVE + "url", String.class);
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url);
        if (!url.contains("@")) {
            // credentials configured apart from the URL, as application.properties does
            config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
            config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        }
        config.getOptionalValue(REACTIVE + "postgresql.ssl-mode", String.class)
                .map(mode -> SslMode.of(mode.toLowerCase(java.util.Locale.ROOT).replace('_', '-')))
                .ifPresent(options::setSslMode);
        if (config.getOptionalValue(REACTIVE + "trust-all", Boolean.class).orElse(false)) {
            options.setTrustAll(true);
        }
        config.getOptionalValue(REACTIVE + "hostname-verification-algorithm", String.class)
                .filter(algorithm -> !"NONE".equalsIgnoreCase(algorithm))
                .ifPresent(options::setHostnameVerificationAlgorithm);
        Optional<List<String>> certificates = config.getOptionalValues(REACTIVE + "trust-certificate-pem.certs", String.class);
        if (certificates.isPresent() && !certificates.get().isEmpty()) {
            PemTrustOptions trust = new PemTrustOptions();
            certificates.get().forEach(trust::addCertPath);
            options.setPemTrustOptions(trust);
        }
        Map<String, String> additional = config.unwrap(SmallRyeConfig.class)
                .getOptionalValues(REACTIVE + "additional-properties", String.class, String.class).orElse(Map.of());
        additional.forEach(options::addProperty);
        return options;
    }
}
