package io.campaignpulse.graphql;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Answers a POST to /graphql whose body or query cannot be parsed with a GraphQL error that carries
 * an {@code extensions.code} and says where the mistake is. SmallRye rejects such requests with a
 * bare "Unparseable input document" before any of our hooks run, so the check stands in front of
 * its route; every parseable request goes on to SmallRye untouched.
 */
@Singleton
public class SyntaxErrorGate {

    /** GraphQL requests are small; anything larger is refused here (413) before it is parsed. */
    private static final long MAX_REQUEST_BYTES = 1024 * 1024;

    void register(@Observes Router router) {
        router.post("/graphql")
                .order(-100)
                // SmallRye's route sees the body as already read and does not read it again.
                .handler(BodyHandler.create(false).setBodyLimit(MAX_REQUEST_BYTES))
                .handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            ctx.next(); // application/graphql and others: SmallRye decides
            return;
        }
        JsonObject request;
        try {
            request = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            reject(ctx, "The request body is not a JSON object with a \"query\" string: " + e.getMessage(), null, null);
            return;
        }
        Object query = request == null ? null : request.getValue("query");
        if (!(query instanceof String text)) {
            ctx.next(); // no query (e.g. a persisted-query extension): SmallRye decides
            return;
        }
        try {
            Parser.parse(text);
            ctx.next();
        } catch (InvalidSyntaxException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLine();
            Integer column = e.getLocation() == null ? null : e.getLocation().getColumn();
            reject(ctx, "The query is not valid GraphQL: " + e.getMessage(), line, column);
        }
    }

    private static void reject(RoutingContext ctx, String message, Integer line, Integer column) {
        JsonObject error = new JsonObject()
                .put("message", message)
                .put("extensions", new JsonObject().put("code", "GRAPHQL_PARSE_FAILED").put("classification", "InvalidSyntax"));
        if (line != null && column != null) {
            error.put("locations", new JsonArray().add(new JsonObject().put("line", line).put("column", column)));
        }
        ctx.response()
                .setStatusCode(200) // GraphQL over HTTP with application/json: errors travel in a 200
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
