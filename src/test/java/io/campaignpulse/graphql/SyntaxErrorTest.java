package io.campaignpulse.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A request that is not GraphQL gets a coded error that says where, and a valid one still works. */
@QuarkusTest
class SyntaxErrorTest {

    @Test
    void aQueryThatDoesNotParseGetsACodeAndALocation() {
        given().contentType(ContentType.JSON).body("{\"query\":\"{ events(first: 1 { edges } }\"}")
                .when().post("/graphql")
                .then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"))
                .body("errors[0].message", containsString("not valid GraphQL"))
                .body("errors[0].locations[0].line", equalTo(1))
                .body("data", equalTo(null));
    }

    @Test
    void aBodyThatIsNotJsonGetsACode() {
        // not a GraphQL request at all: 400 (GraphQL over HTTP), still a GraphQL error with a code
        given().contentType(ContentType.JSON).body("{\"query\": ")
                .when().post("/graphql")
                .then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"))
                .body("errors[0].message", containsString("not JSON"));
    }

    @Test
    void aValidQueryPassesThroughToTheSchema() {
        given().contentType(ContentType.JSON).body("{\"query\":\"{ events(first: 1) { pageInfo { hasNextPage } } }\"}")
                .when().post("/graphql")
                .then().statusCode(200)
                .body("errors", equalTo(null))
                .body("data.events.pageInfo.hasNextPage", notNullValue());
    }

    @Test
    void aValidQueryWithVariablesStillWorks() {
        given().contentType(ContentType.JSON)
                .body("{\"query\":\"query($n: Int) { events(first: $n) { edges { cursor } } }\",\"variables\":{\"n\":1}}")
                .when().post("/graphql")
                .then().statusCode(200)
                .body("errors", equalTo(null));
    }
}
