package io.campaignpulse.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Delivers a body to the ingest endpoint the way the provider does, with the test credential. */
public final class Ingest {

    public static final String PATH = "/webhooks/optimizely";
    public static final String CREDENTIAL = "Bearer test-secret";

    private Ingest() {
    }

    public static ValidatableResponse deliver(String body) {
        return given().contentType(ContentType.JSON).header("Authorization", CREDENTIAL).body(body)
                .when().post(PATH)
                .then();
    }
}
