package io.campaignpulse.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.campaignpulse.provider.AdminGraphQL;
import io.campaignpulse.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Who may do what with retention, with signed tokens: readers read how long events are kept, only an admin who
 * sees every client may drop partitions (they hold every client's events).
 */
@QuarkusTest
@TestProfile(TestTokens.JwtMode.class)
class RetentionAccessTest {

    private static final String APPLY = "mutation { applyRetention { ranAt } }";
    private static final String READ = "{ eventRetention { keptFor } }";

    private static JsonPath post(String query, String token) {
        return AdminGraphQL.post(query, token == null ? null : "Bearer " + token).jsonPath();
    }

    @Test
    void readersSeeTheRetentionButMayNotApplyIt() {
        String reader = TestTokens.reader("*");
        JsonPath read = post(READ, reader);
        assertNull(read.get("errors"), read.prettify());
        assertNotNull(read.getString("data.eventRetention.keptFor"));
        JsonPath apply = post(APPLY, reader);
        assertEquals("FORBIDDEN", apply.getString("errors[0].extensions.code"), apply.prettify());
        assertNull(apply.get("data"));
    }

    @Test
    void withoutACredentialNeither() {
        assertEquals("UNAUTHORIZED", post(READ, null).getString("errors[0].extensions.code"));
        assertEquals("UNAUTHORIZED", post(APPLY, null).getString("errors[0].extensions.code"));
    }

    @Test
    void anAdminLimitedToSomeClientsMayNotDropEveryClientsEvents() {
        JsonPath apply = post(APPLY, TestTokens.admin("10180860001"));
        assertEquals("FORBIDDEN", apply.getString("errors[0].extensions.code"), apply.prettify());
        assertNull(apply.get("data"));
    }

    @Test
    void anAdminOfEveryClientMayApplyIt() {
        // the admin token sees every client (pulse.admin.token-clients defaults to *); a signed token would need the
        // all-clients group (pulse.graphql.all-clients-role)
        JsonPath apply = RetentionTest.applyRetention("Bearer " + TestTokens.ADMIN_TOKEN);
        assertNotNull(apply.getString("data.applyRetention.ranAt"));
    }
}
