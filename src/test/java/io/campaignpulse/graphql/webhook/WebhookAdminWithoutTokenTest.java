package io.campaignpulse.graphql.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.campaignpulse.provider.AdminGraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With no pulse.admin.token configured, no token whatsoever opens the admin operations. */
@QuarkusTest
@TestProfile(WebhookAdminWithoutTokenTest.NoAdminToken.class)
class WebhookAdminWithoutTokenTest {

    public static class NoAdminToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.admin.token", "");
        }
    }

    @Test
    void adminOperationsAreRefusedEntirely() {
        for (String authorization : new String[] { null, "Bearer ", "Bearer null", "Bearer anything" }) {
            JsonPath json = AdminGraphQL.post("mutation { syncWebhooks { removed } }", authorization).jsonPath();
            assertEquals("UNAUTHORIZED", json.getString("errors[0].extensions.code"));
            assertTrue(json.getString("errors[0].message").contains("Authorization: Bearer"), json.getString("errors[0].message"));
            JsonPath query = AdminGraphQL.post("query { webhooks { id } }", authorization).jsonPath();
            assertEquals("UNAUTHORIZED", query.getString("errors[0].extensions.code"));
        }
    }
}
