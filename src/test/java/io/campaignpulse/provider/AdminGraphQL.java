package io.campaignpulse.provider;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Posts GraphQL operations to /graphql, with or without an Authorization header. */
public final class AdminGraphQL {

    private AdminGraphQL() {
    }

    public static Response asAdmin(String query) {
        return post(query, "Bearer " + OptimizelyStub.ADMIN_TOKEN);
    }

    public static Response post(String query, String authorization) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query));
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        Response response = request.when().post("/graphql");
        response.then().statusCode(200);
        return response;
    }
}
