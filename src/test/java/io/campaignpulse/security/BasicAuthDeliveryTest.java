package io.campaignpulse.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Ingest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** pulse.ingest.auth=basic: the webhook's basicAuth authentication at the provider. */
@QuarkusTest
@TestProfile(BasicAuthDeliveryTest.BasicMode.class)
class BasicAuthDeliveryTest {

    public static class BasicMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.ingest.auth", "basic",
                    "pulse.ingest.basic-username", "optimizely",
                    "pulse.ingest.basic-password", "p4ss:word");
        }
    }

    private static String body() {
        return "{\"type\":\"open\",\"id\":\"" + UUID.randomUUID() + "\"}";
    }

    @Test
    void theRightBasicCredentialIsAccepted() {
        given().contentType(ContentType.JSON).auth().preemptive().basic("optimizely", "p4ss:word").body(body())
                .when().post(Ingest.PATH).then().statusCode(200).body("stored", equalTo(1));
    }

    @Test
    void aWrongUserOrPasswordOrSchemeIs401() {
        given().contentType(ContentType.JSON).auth().preemptive().basic("optimizely", "p4ss").body(body())
                .when().post(Ingest.PATH).then().statusCode(401).body("error", equalTo("unauthorized"));
        given().contentType(ContentType.JSON).auth().preemptive().basic("someone", "p4ss:word").body(body())
                .when().post(Ingest.PATH).then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Basic not-base64!").body(body())
                .when().post(Ingest.PATH).then().statusCode(401);
        // the header-mode secret means nothing in basic mode
        given().contentType(ContentType.JSON).header("Authorization", Ingest.CREDENTIAL).body(body())
                .when().post(Ingest.PATH).then().statusCode(401);
    }
}
