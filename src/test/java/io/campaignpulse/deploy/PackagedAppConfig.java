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

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.reactive.url", TestDatabase.reactiveUrl(),
                "quarkus.datasource.username", TestDatabase.USER,
                "quarkus.datasource.password", TestDatabase.PASSWORD,
                "pulse.ingest.header-value", DELIVERY_CREDENTIAL,
                // reads open on purpose (the prod profile refuses to start without a choice)
                "pulse.graphql.auth", "none",
                "quarkus.flyway.clean-disabled", "false",
                "quarkus.flyway.clean-at-start", "true");
    }

    @Override
    public void stop() {
    }
}
