package io.campaignpulse.graphql.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A GraphQL request refused before it reaches the engine: answered as a GraphQL response with one
 * error carrying {@code extensions.code}, without a {@code data} entry (nothing was executed).
 */
record HttpRefusal(int status, String code, String message, Integer line, Integer column) {

    static HttpRefusal of(int status, String code, String message) {
        return new HttpRefusal(status, code, message, null, null);
    }

    void send(RoutingContext ctx, ResponseType type) {
        JsonObject error = new JsonObject()
                .put("message", message)
                .put("extensions", new JsonObject().put("code", code));
        if (line != null && column != null) {
            error.put("locations", new JsonArray().add(new JsonObject().put("line", line).put("column", column)));
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", type.contentType())
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
