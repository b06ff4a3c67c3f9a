package io.campaignpulse.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** SmallRye's switch turns introspection off for everyone, readers included; queries go on. */
@QuarkusTest
@TestProfile(IntrospectionOffTest.NoIntrospection.class)
class IntrospectionOffTest {

    public static class NoIntrospection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.smallrye-graphql.field-visibility", "no-introspection");
        }
    }

    private static JsonPath post(String query) {
        return given().contentType(ContentType.JSON).body(Map.of("query", query)).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void introspectionIsRefusedWhileQueriesAnswer() {
        JsonPath introspection = post("{ __schema { queryType { name } } }");
        assertNotNull(introspection.get("errors"), introspection.prettify());
        assertNull(introspection.get("data.__schema"));
        JsonPath query = post("{ events(first: 1) { edges { cursor } } }");
        assertNull(query.get("errors"), query.prettify());
    }
}
