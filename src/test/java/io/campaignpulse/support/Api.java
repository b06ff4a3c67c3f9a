package io.campaignpulse.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Talks to the running service the way clients do: webhook deliveries in, GraphQL out. */
public final class Api {

    private Api() {
    }

    /** Posts a delivery as the provider would; returns the answer body. */
    public static JsonPath deliver(String body) {
        return Ingest.deliver(body).statusCode(200).extract().jsonPath();
    }

    /** Runs a GraphQL operation and returns the whole response (data and errors). */
    public static JsonPath graphql(String query) {
        return graphql(query, Map.of());
    }

    public static JsonPath graphql(String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .post("/graphql")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /** Runs a GraphQL operation that must succeed; returns the response. */
    public static JsonPath query(String query) {
        return query(query, Map.of());
    }

    public static JsonPath query(String query, Map<String, Object> variables) {
        JsonPath response = graphql(query, variables);
        List<Object> errors = response.getList("errors");
        assertNull(errors, () -> "unexpected GraphQL errors: " + response.prettify());
        return response;
    }

    /** A sample delivery from src/test/resources/samples with ids made unique by {@code tag}. */
    public static String sample(String name, String tag) {
        try (InputStream in = Api.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("0a673102-178d27b2c8c-178d2cac0e4-", tag + "-")
                    .replace("@example.com", "@" + tag + ".example.com")
                    .replace("10230355206", String.valueOf(mailingIdFor(tag)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mailing id {@link #sample} gives the samples' mailing for {@code tag}. */
    public static long mailingIdFor(String tag) {
        return 20_000_000_000L + (tag.hashCode() & 0x7fffffff);
    }
}
