package io.campaignpulse.graphql.engine;

import static io.campaignpulse.support.Api.deliver;
import static io.campaignpulse.support.Api.graphql;
import static io.campaignpulse.support.Api.query;
import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.campaignpulse.graphql.TextArguments;
import io.campaignpulse.security.ClientScope;
import io.campaignpulse.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.AttributeType;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/** Queries built to cost far more than they look, and arguments built to break the resolvers. */
@QuarkusTest
class QueryAbuseTest {

    private static String aliased(int count, String field) {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            query.append(" a").append(i).append(": ").append(field);
        }
        return query.append(" }").toString();
    }

    private static void assertRefused(JsonPath response, String code) {
        assertEquals(code, response.getString("errors[0].extensions.code"), response.prettify());
        assertNull(response.get("data"), response.prettify());
    }

    @Test
    void pageSizesMultiplyThroughNesting() {
        long before = QueryLimits.bytesInFlight();
        JsonPath nested = graphql("""
                { recipients(first: 500) { edges { node { recipientId
                    events(first: 500) { edges { node { eventId payload } } } } } } }""");
        assertRefused(nested, "QUERY_TOO_COSTLY");
        assertTrue(nested.getString("errors[0].message").contains("`first`"), nested.prettify());

        // few fields, but 200 pages of 500
        assertRefused(graphql(aliased(200, "events(first: 500) { edges { node { eventId } } }")), "QUERY_TOO_COSTLY");
        // the default page size counts as well
        assertRefused(graphql(aliased(100, "mailings { edges { node { events { edges { node { eventId } } } } } }")),
                "QUERY_TOO_COSTLY");
        // nothing was held for them
        assertEquals(before, QueryLimits.bytesInFlight());

        // what real clients ask stays allowed: a full page, and a page of mailings with some events each
        query("{ events(first: 500) { edges { cursor node { eventId type occurredAt payload } } pageInfo { hasNextPage endCursor } } }");
        query("{ mailings(first: 50) { edges { node { mailingId events(first: 20) { edges { node { eventId type } } } } } } }");
    }

    @Test
    void concurrentCostlyQueriesAreAllRefused() {
        String heavy = aliased(200, "events(first: 500) { edges { node { eventId payload } } }");
        List<CompletableFuture<JsonPath>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(CompletableFuture.supplyAsync(() -> graphql(heavy)));
        }
        for (CompletableFuture<JsonPath> response : running) {
            assertRefused(response.join(), "QUERY_TOO_COSTLY");
        }
        query("{ events(first: 1) { edges { cursor } } }"); // and the service answers on
    }

    @Test
    void aNulOrALoneSurrogateInAnIdIsTheCallersMistake() {
        for (String bad : List.of("a\u0000b", "\u0000")) {
            Map<String, Object> variables = Map.of("id", bad);
            JsonPath event = graphql("query($id: String!) { event(eventId: $id) { eventId } }", variables);
            assertEquals("BAD_USER_INPUT", event.getString("errors[0].extensions.code"), event.prettify());
            JsonPath recipient = graphql("query($id: String!) { recipient(recipientId: $id) { status } }", variables);
            assertEquals("BAD_USER_INPUT", recipient.getString("errors[0].extensions.code"), recipient.prettify());
            JsonPath filtered = graphql("query($id: String) { events(filter: {recipientId: $id}) { edges { cursor } } }", variables);
            assertEquals("BAD_USER_INPUT", filtered.getString("errors[0].extensions.code"), filtered.prettify());
            JsonPath cursor = graphql("query($after: String) { events(after: $after) { edges { cursor } } }", Map.of("after", bad));
            assertEquals("INVALID_CURSOR", cursor.getString("errors[0].extensions.code"), cursor.prettify());
        }
        for (String lone : List.of("x\uD800y", "\uDC00", "a\uDBFF")) {
            assertTrue(TextArguments.problem(lone).contains("lone UTF-16 surrogate"), lone);
        }
        // sent as JSON escapes (a UTF-8 body cannot hold a lone surrogate): refused, never read as '?'
        for (String escaped : List.of("x\\ud800y", "\\udc00")) {
            JsonPath event = given().contentType("application/json")
                    .body("{\"query\": \"query($id: String!) { event(eventId: $id) { eventId } }\", \"variables\": {\"id\": \""
                            + escaped + "\"}}")
                    .post("/graphql").then().extract().jsonPath();
            assertEquals("BAD_USER_INPUT", event.getString("errors[0].extensions.code"), event.prettify());
            assertTrue(event.getString("errors[0].message").contains("surrogate"), event.prettify());
        }
        assertNull(TextArguments.problem("e\uD83D\uDE00 pair"));
        // a well-formed cursor whose position holds a NUL
        String recipientCursor = Base64.getUrlEncoder().withoutPadding().encodeToString("r:a\u0000b".getBytes(StandardCharsets.UTF_8));
        JsonPath cursor = graphql("query($after: String) { recipients(after: $after) { edges { cursor } } }", Map.of("after", recipientCursor));
        assertEquals("INVALID_CURSOR", cursor.getString("errors[0].extensions.code"), cursor.prettify());
        // and a normal id with characters beyond the BMP still works
        String id = "emoji-\uD83D\uDE00-" + System.nanoTime();
        deliver(batch(event("open").id(id).recipient("e\uD83D\uDE00@x.test")));
        assertEquals(id, query("query($id: String!) { event(eventId: $id) { eventId } }", Map.of("id", id)).getString("data.event.eventId"));
    }

    @Test
    // also with a caller whose identity is resolved per request, as a frontend's
    @TestSecurity(user = "reader", roles = Roles.READER,
            attributes = @SecurityAttribute(key = ClientScope.ATTRIBUTE, value = ClientScope.EVERY_CLIENT, type = AttributeType.STRING_SET))
    void everyPathGivesItsResponseBytesBack() {
        long before = QueryLimits.bytesInFlight();
        String id = "budget-" + System.nanoTime();
        deliver(batch(event("open").id(id).recipient("budget@x.test")));
        query("query($id: String!) { event(eventId: $id) { eventId payload } }", Map.of("id", id));
        query("{ events(first: 20) { edges { node { eventId payload } } } }");
        query("{ mailings(first: 5) { edges { node { events(first: 5) { edges { node { payload } } } } } } }");
        query("{ recipient(recipientId: \"budget@x.test\") { events(first: 5) { edges { node { payload } } } } }");
        // every execution is over once its answer arrived: what they reserved is back in the pool
        // (a reservation kept would shrink the pool for good, until every read is SERVER_BUSY)
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(before, QueryLimits.bytesInFlight()));
    }

    @Test
    void aVariableOfTheWrongTypeIsTheCallersMistakeAlone() {
        JsonPath answer = graphql("query($n: Int!) { events(first: $n) { edges { cursor } } }", Map.of("n", "many"));
        assertEquals(List.of("BAD_USER_INPUT"), answer.getList("errors.extensions.code"), answer.prettify());
    }

    @Test
    void anIntBeyondItsRangeIsNamedAsSuch() {
        for (String first : List.of("2147483648", "-2147483649", "99999999999999999999")) {
            JsonPath literal = graphql("{ events(first: " + first + ") { edges { cursor } } }");
            assertEquals("BAD_USER_INPUT", literal.getString("errors[0].extensions.code"), literal.prettify());
            assertTrue(!literal.getString("errors[0].message").contains("negative"), literal.prettify());
            JsonPath variable = graphql("query($first: Int) { events(first: $first) { edges { cursor } } }",
                    Map.of("first", new java.math.BigInteger(first)));
            assertEquals("BAD_USER_INPUT", variable.getString("errors[0].extensions.code"), variable.prettify());
            assertTrue(!variable.getString("errors[0].message").contains("negative"), variable.prettify());
        }
    }
}
