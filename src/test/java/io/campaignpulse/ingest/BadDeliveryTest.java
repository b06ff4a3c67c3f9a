package io.campaignpulse.ingest;

import static io.campaignpulse.ingest.IngestEndpointTest.event;
import static io.campaignpulse.support.Ingest.CREDENTIAL;
import static io.campaignpulse.support.Ingest.PATH;
import static io.campaignpulse.support.Ingest.deliver;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every bad input gets a clear JSON error and leaves the database exactly as it was. */
@QuarkusTest
class BadDeliveryTest {

    private long eventsBefore;
    private long deadLettersBefore;

    @BeforeEach
    void countRows() {
        eventsBefore = Db.count("select count(*) from event");
        deadLettersBefore = Db.count("select count(*) from dead_letter");
    }

    private void assertNothingStored() {
        assertEquals(eventsBefore, Db.count("select count(*) from event"), "events");
        assertEquals(deadLettersBefore, Db.count("select count(*) from dead_letter"), "dead letters");
    }

    @Test
    void aBodyThatIsNotJsonIs400() {
        deliver("[{\"type\":\"open\",\"id\":\"x\"").statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("malformed_json")).body("message", containsString("not valid JSON"));
        deliver("hello").statusCode(400).body("error", equalTo("malformed_json"));
        deliver("{\"type\":\"open\"} trailing").statusCode(400).body("error", equalTo("malformed_json"));
        assertNothingStored();
    }

    @Test
    void jsonOverTheParsersOwnLimitsIs400NotAServerError() {
        // Jackson's limits (StreamConstraintsException) carry no location in the body
        String deep = "[".repeat(1500) + "]".repeat(1500);
        deliver(deep).statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("malformed_json")).body("message", containsString("limit"));
        String deepObject = "{\"type\":\"open\",\"a\":" + "{\"a\":".repeat(1500) + "1" + "}".repeat(1501);
        deliver(deepObject).statusCode(400).body("error", equalTo("malformed_json"));
        String longNumber = "[{\"type\":\"open\",\"n\":" + "7".repeat(5000) + "}]";
        deliver(longNumber).statusCode(400).contentType(ContentType.JSON).body("error", equalTo("malformed_json"));
        String longFraction = "[{\"type\":\"open\",\"n\":0." + "7".repeat(5000) + "}]";
        deliver(longFraction).statusCode(400).body("error", equalTo("malformed_json"));
        // an exponent no Java number can hold
        deliver("[{\"type\":\"open\",\"n\":1e99999999999}]").statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("malformed_json"));
        assertNothingStored();
    }

    @Test
    void anEmptyBodyIs400() {
        deliver("").statusCode(400).body("error", equalTo("malformed_json"));
        assertNothingStored();
    }

    @Test
    void jsonThatIsNeitherAnObjectNorAnArrayOfObjectsIs400() {
        deliver("42").statusCode(400).body("error", equalTo("invalid_delivery")).body("message", containsString("number"));
        deliver("\"open\"").statusCode(400).body("error", equalTo("invalid_delivery"));
        deliver("null").statusCode(400).body("error", equalTo("invalid_delivery"));
        // one bad element makes the whole body something other than a batch: nothing of it is stored
        deliver("[" + event(UUID.randomUUID().toString(), "open") + ", 7]").statusCode(400)
                .body("error", equalTo("invalid_delivery")).body("message", containsString("Element 1"));
        deliver("[[]]").statusCode(400).body("error", equalTo("invalid_delivery"));
        assertNothingStored();
    }

    @Test
    void anElementWithoutTypeIsDeadLetteredWhileTheRestIsStored() {
        String good = UUID.randomUUID().toString();
        String untyped = "{\"id\":\"" + UUID.randomUUID() + "\",\"recipientId\":\"nobody@example.com\"}";
        deliver("[" + event(good, "open") + "," + untyped + ",{\"type\":\"\"}]").statusCode(200)
                .body("received", equalTo(3)).body("stored", equalTo(1))
                .body("duplicates", equalTo(0)).body("rejected", equalTo(2));

        assertEquals(eventsBefore + 1, Db.count("select count(*) from event"));
        assertEquals(1, Db.count("select count(*) from event where event_id = ?", good));
        assertEquals(deadLettersBefore + 2, Db.count("select count(*) from dead_letter"));
        Map<String, Object> dead = Db.single("select reason, element_index, element from dead_letter order by id desc offset 1 limit 1");
        assertEquals("missing field 'type'", dead.get("reason"));
        assertEquals(1, dead.get("element_index"));
        assertEquals(untyped, dead.get("element"));
    }

    @Test
    void anElementPostgresCannotStoreIsDeadLetteredInsteadOfFailingTheBatch() {
        String good = UUID.randomUUID().toString();
        String nul = "{\"type\":\"open\",\"id\":\"" + UUID.randomUUID() + "\",\"recipientId\":\"a\\u0000b\"}";
        String hugeId = "{\"type\":\"open\",\"id\":\"" + "x".repeat(2001) + "\"}";
        deliver("[" + event(good, "click") + "," + nul + "," + hugeId + "]").statusCode(200)
                .body("stored", equalTo(1)).body("rejected", equalTo(2));
        assertEquals(deadLettersBefore + 2, Db.count("select count(*) from dead_letter"));
        assertEquals(1, Db.count("select count(*) from dead_letter where reason like '%U+0000%'"));
    }

    @Test
    void aBodyOverTheLimitIs413() {
        // the test profile sets pulse.ingest.max-body-bytes=65536
        String big = "[" + ("{\"type\":\"open\",\"id\":\"" + UUID.randomUUID() + "\",\"pad\":\"" + "p".repeat(70_000) + "\"}") + "]";
        deliver(big).statusCode(413)
                .contentType(ContentType.JSON)
                .body("error", equalTo("payload_too_large")).body("message", containsString("65536"));
        assertNothingStored();
    }

    @Test
    void aBodyOverTheLimitWithoutContentLengthIs413Too() throws Exception {
        byte[] big = ("[{\"type\":\"open\",\"id\":\"" + UUID.randomUUID() + "\",\"pad\":\"" + "p".repeat(70_000) + "\"}]")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + PATH))
                        .header("Content-Type", "application/json").header("Authorization", CREDENTIAL)
                        // an InputStream body is sent chunked, without Content-Length
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        org.hamcrest.MatcherAssert.assertThat(response.body(), containsString("payload_too_large"));
        assertNothingStored();
    }

    @Test
    void aWrongContentTypeIs415() {
        for (String type : new String[] { "text/plain", "application/xml", "application/x-www-form-urlencoded" }) {
            given().contentType(type).header("Authorization", CREDENTIAL)
                    .body(event(UUID.randomUUID().toString(), "open"))
                    .when().post(PATH)
                    .then().statusCode(415)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("unsupported_media_type"));
        }
        assertNothingStored();
    }

    @Test
    void aJsonVariantContentTypeIsAccepted() {
        given().contentType("application/vnd.optivo.broadmail.v1+json; charset=UTF-8").header("Authorization", CREDENTIAL)
                .body(event(UUID.randomUUID().toString(), "open"))
                .when().post(PATH)
                .then().statusCode(200).body("stored", equalTo(1));
    }

    @Test
    void aWrongOrMissingCredentialIs401() {
        String body = event(UUID.randomUUID().toString(), "open");
        given().contentType(ContentType.JSON).body(body).when().post(PATH)
                .then().statusCode(401).contentType(ContentType.JSON).body("error", equalTo("unauthorized"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-secreT").body(body).when().post(PATH)
                .then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer test-secret-and-more").body(body).when().post(PATH)
                .then().statusCode(401);
        given().contentType(ContentType.JSON).auth().preemptive().basic("Bearer", "test-secret").body(body).when().post(PATH)
                .then().statusCode(401);
        assertNothingStored();
    }

    @AfterEach
    void nothingAnswered500() {
        // guards the contract: no test above may have produced a server error
        assertEquals(0, Db.count("select count(*) from event where provider_type = '500'"));
    }
}
