package io.campaignpulse.deploy;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures the packaged artifact that @QuarkusIntegrationTest launches in the prod profile: what an
 * operator sets through the ConfigMap and Secret, pointed at the test database (started clean).
 * Quarkus passes these to the launched jar or native executable as system properties.
 */
public class PackagedAppConfig implements QuarkusTestResourceLifecycleManager {

    static final String DELIVERY_CREDENTIAL = "Bearer packaged-it-secret";

    /** Health and metrics answer on the management interface; a free port, since 9000 may be taken here. */
    static volatile int managementPort;

    @Override
    public Map<String, String> start() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            managementPort = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.management.port", String.valueOf(managementPort),
                "quarkus.datasource.reactive.url", TestDatabase.reactiveUrl(),
                "quarkus.datasource.username", TestDatabase.USER,
                "quarkus.datasource.password", TestDatabase.PASSWORD,
                "pulse.ingest.header-value", DELIVERY_CREDENTIAL,
                // reads open on purpose (the prod profile refuses to start without a choice)
                "pulse.graphql.auth", "none",
                // the tests' events carry fixed `created` times from 2021: keep them (90 days would drop them meanwhile)
                "pulse.retention.events", "36500d",
                "quarkus.flyway.clean-disabled", "false",
                "quarkus.flyway.clean-at-start", "true");
    }

    @Override
    public void stop() {
    }
}
