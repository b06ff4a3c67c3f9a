package io.campaignpulse.graphql.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * GraphQL over HTTP, case by case: media types both ways, GET for queries only, and every request the
 * engine cannot run refused with a status and an {@code extensions.code} (GraphQlOverHttpAuditTest runs
 * the reference audit on top of these).
 */
@QuarkusTest
class GraphQlOverHttpTest {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String QUERY = "{ events(first: 1) { pageInfo { hasNextPage } } }";

    @TestHTTPResource("/graphql")
    URL graphql;

    private static RequestSpecification json(String accept) {
        return given().contentType("application/json").accept(accept);
    }

    private static ValidatableResponse refused(ValidatableResponse response, int status, String code, String contentType) {
        return response.statusCode(status)
                .contentType(startsWith(contentType))
                .body("errors[0].extensions.code", equalTo(code))
                .body("$", not(hasKey("data")));
    }

    // --- media types --------------------------------------------------------------------------------

    @Test
    void graphqlResponseJsonIsAnsweredInThatMediaType() {
        json(GRAPHQL_RESPONSE).body(Map.of("query", QUERY)).post("/graphql")
                .then().statusCode(200)
                .header("Content-Type", "application/graphql-response+json; charset=utf-8")
                .body("data.events.pageInfo.hasNextPage", notNullValue());
    }

    @Test
    void applicationJsonAnyTypeAndThePreferredOfSeveralAreNegotiated() {
        json("application/json").body(Map.of("query", QUERY)).post("/graphql")
                .then().statusCode(200).header("Content-Type", "application/json; charset=utf-8");
        json("*/*").body(Map.of("query", QUERY)).post("/graphql")
                .then().statusCode(200).header("Content-Type", "application/json; charset=utf-8");
        json("application/json;q=0.5, application/graphql-response+json").body(Map.of("query", QUERY)).post("/graphql")
                .then().statusCode(200).contentType(startsWith(GRAPHQL_RESPONSE));
        json("text/html, application/*;q=0.1").body(Map.of("query", QUERY)).post("/graphql")
                .then().statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void noAcceptHeaderMeansApplicationJson() throws Exception {
        HttpResponse<String> response = raw(HttpRequest.newBuilder(graphql.toURI())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Query", JsonPath.from(response.body()).getString("data.__typename"));
    }

    @Test
    void anAcceptHeaderWithoutAGraphQlMediaTypeIsRefused() {
        refused(json("text/html").body(Map.of("query", QUERY)).post("/graphql").then(), 406, "NOT_ACCEPTABLE", "application/json");
    }

    // --- request errors: 400 under graphql-response+json, 200 under application/json ------------------

    @Test
    void aQueryThatDoesNotParse() {
        String body = "{\"query\":\"{ events(first: 1 { edges } }\"}";
        refused(json("application/json").body(body).post("/graphql").then(), 200, "GRAPHQL_PARSE_FAILED", "application/json")
                .body("errors[0].locations[0].line", equalTo(1))
                .body("errors[0].message", containsString("not valid GraphQL"));
        refused(json(GRAPHQL_RESPONSE).body(body).post("/graphql").then(), 400, "GRAPHQL_PARSE_FAILED", GRAPHQL_RESPONSE);
    }

    @Test
    void aQueryThatDoesNotValidate() {
        Map<String, Object> body = Map.of("query", "{ noSuchField }");
        refused(json("application/json").body(body).post("/graphql").then(), 200, "GRAPHQL_VALIDATION_FAILED", "application/json");
        refused(json(GRAPHQL_RESPONSE).body(body).post("/graphql").then(), 400, "GRAPHQL_VALIDATION_FAILED", GRAPHQL_RESPONSE);
    }

    @Test
    void variablesThatDoNotCoerce() {
        String body = "{\"query\":\"query($n: Int!) { events(first: $n) { pageInfo { hasNextPage } } }\",\"variables\":{\"n\":null}}";
        refused(json("application/json").body(body).post("/graphql").then(), 200, "BAD_USER_INPUT", "application/json");
        refused(json(GRAPHQL_RESPONSE).body(body).post("/graphql").then(), 400, "BAD_USER_INPUT", GRAPHQL_RESPONSE);
    }

    @Test
    void aFieldErrorWithDataStays200UnderBothMediaTypes() {
        Map<String, Object> body = Map.of("query", "{ events(first: 100000) { pageInfo { hasNextPage } } }");
        for (String accept : new String[] { "application/json", GRAPHQL_RESPONSE }) {
            json(accept).body(body).post("/graphql").then()
                    .statusCode(200)
                    .body("$", hasKey("data"))
                    .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        }
    }

    // --- malformed requests: 400 BAD_REQUEST under both media types -----------------------------------

    @Test
    void aBodyThatIsNotAJsonObject() {
        for (String accept : new String[] { "application/json", GRAPHQL_RESPONSE }) {
            refused(json(accept).body("{\"query\": ").post("/graphql").then(), 400, "BAD_REQUEST", accept)
                    .body("errors[0].message", containsString("not JSON"));
            refused(json(accept).body("[{\"query\":\"{ __typename }\"}]").post("/graphql").then(), 400, "BAD_REQUEST", accept);
            refused(json(accept).body("").post("/graphql").then(), 400, "BAD_REQUEST", accept);
        }
    }

    @Test
    void parametersOfTheWrongType() {
        for (String body : new String[] {
                "{\"notquery\":\"{ __typename }\"}",
                "{\"query\":{\"obj\":\"ect\"}}",
                "{\"query\":0}",
                "{\"query\":\"{ __typename }\",\"operationName\":false}",
                "{\"query\":\"{ __typename }\",\"variables\":\"{}\"}",
                "{\"query\":\"{ __typename }\",\"variables\":[1]}",
                "{\"query\":\"{ __typename }\",\"variables\":7}",
                "{\"query\":\"{ __typename }\",\"extensions\":\"x\"}" }) {
            refused(json("application/json").body(body).post("/graphql").then(), 400, "BAD_REQUEST", "application/json");
        }
        json("application/json").body("{\"query\":\"{ __typename }\"}").post("/graphql").then()
                .statusCode(200).body("data.__typename", equalTo("Query"));
    }

    @Test
    void nullOptionalParametersAreAccepted() {
        json("application/json")
                .body("{\"query\":\"query Q { __typename }\",\"operationName\":null,\"variables\":null,\"extensions\":null}")
                .post("/graphql").then()
                .statusCode(200).body("errors", equalTo(null)).body("data.__typename", equalTo("Query"));
    }

    @Test
    void aContentTypeOtherThanJsonIsRefused() throws Exception {
        HttpResponse<String> garbage = raw(HttpRequest.newBuilder(graphql.toURI()).header("Content-Type", "garbage///")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")));
        assertEquals(415, garbage.statusCode());
        assertEquals("application/json; charset=utf-8", garbage.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", JsonPath.from(garbage.body()).getString("errors[0].extensions.code"));
        refused(given().contentType("text/plain").accept(GRAPHQL_RESPONSE).body("{ __typename }")
                .post("/graphql").then(), 415, "UNSUPPORTED_MEDIA_TYPE", GRAPHQL_RESPONSE);

        HttpResponse<String> none = raw(HttpRequest.newBuilder(graphql.toURI())
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")));
        assertEquals(415, none.statusCode());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", JsonPath.from(none.body()).getString("errors[0].extensions.code"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsParsed() {
        String big = "{\"query\":\"{ __typename }\",\"extensions\":{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}}";
        refused(json("application/json").body(big).post("/graphql").then(), 413, "REQUEST_TOO_LARGE", "application/json");
    }

    @Test
    void otherMethodsAreRefusedWithTheAllowedOnes() {
        refused(json("application/json").body(Map.of("query", QUERY)).put("/graphql").then(), 405, "METHOD_NOT_ALLOWED", "application/json")
                .header("Allow", "GET, POST, OPTIONS");
        given().options("/graphql").then().statusCode(204).header("Allow", "GET, POST, OPTIONS");
    }

    // --- GET ----------------------------------------------------------------------------------------

    @Test
    void aQueryOverGetAnswersLikeAPost() {
        given().accept(GRAPHQL_RESPONSE)
                .queryParam("query", "query Page($n: Int) { events(first: $n) { pageInfo { hasNextPage } } }")
                .queryParam("variables", "{\"n\": 1}")
                .queryParam("operationName", "Page")
                .get("/graphql").then()
                .statusCode(200)
                .contentType(startsWith(GRAPHQL_RESPONSE))
                .header("Vary", "Accept")
                .body("errors", equalTo(null))
                .body("data.events.pageInfo.hasNextPage", notNullValue());
        // a document with a mutation may still be used over GET for its query
        given().queryParam("query", "query Q { __typename } mutation M { __typename }").queryParam("operationName", "Q")
                .get("/graphql").then().statusCode(200).body("data.__typename", equalTo("Query"));
    }

    @Test
    void getFollowsTheSameLimitsAndErrorsAsPost() {
        String deep = "{ __schema { types { fields { type" + " { ofType".repeat(12) + " { name }" + " }".repeat(12) + " } } } }";
        given().accept("application/json").queryParam("query", deep).get("/graphql").then()
                .statusCode(200).body("errors[0].extensions.code", equalTo("QUERY_TOO_DEEP"));
        refused(given().accept(GRAPHQL_RESPONSE).queryParam("query", "{ noSuchField }").get("/graphql").then(),
                400, "GRAPHQL_VALIDATION_FAILED", GRAPHQL_RESPONSE);
        refused(given().accept(GRAPHQL_RESPONSE).queryParam("query", "{").get("/graphql").then(),
                400, "GRAPHQL_PARSE_FAILED", GRAPHQL_RESPONSE);
        refused(given().accept("application/json").get("/graphql").then(), 400, "BAD_REQUEST", "application/json");
        refused(given().accept("application/json").queryParam("query", "{ __typename }").queryParam("variables", "{nope")
                .get("/graphql").then(), 400, "BAD_REQUEST", "application/json");
        refused(given().accept("application/json").queryParam("query", "{ __typename }").queryParam("variables", "[1]")
                .get("/graphql").then(), 400, "BAD_REQUEST", "application/json");
    }

    @Test
    void mutationsAndSubscriptionsAreNeverRunOverGet() {
        refused(given().accept(GRAPHQL_RESPONSE).queryParam("query", "mutation { syncWebhooks { created } }")
                .get("/graphql").then(), 405, "METHOD_NOT_ALLOWED", GRAPHQL_RESPONSE)
                .header("Allow", "POST");
        refused(given().accept("application/json").queryParam("query", "query Q { __typename } mutation M { __typename }")
                .queryParam("operationName", "M").get("/graphql").then(), 405, "METHOD_NOT_ALLOWED", "application/json");
        refused(given().accept("application/json").queryParam("query", "subscription { mailingStats(mailingId: 1) { sent } }")
                .get("/graphql").then(), 405, "METHOD_NOT_ALLOWED", "application/json");
    }

    private static HttpResponse<String> raw(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
