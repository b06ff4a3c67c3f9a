package io.campaignpulse.graphql.http;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import graphql.language.OperationDefinition;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * GraphQL over HTTP in front of SmallRye's handler, on the configured GraphQL path: checks the method,
 * Content-Type, Accept and the shape of the request, chooses the response's media type, and turns a GET
 * query into the same POST SmallRye executes, so a GET passes every rule a POST does (read token, limits,
 * costs: all applied by the engine and the resolvers). Whatever is refused here is answered with a
 * GraphQL error carrying {@code extensions.code}; what passes reaches SmallRye unchanged except for the
 * Accept header, which this class answers itself.
 * <p>
 * WebSocket upgrades (subscriptions) go straight through to SmallRye's WebSocket handler.
 */
@Singleton
public class GraphQlHttpRoutes {

    /** Before SmallRye's GraphQL routes (order 0 and later). */
    private static final int ORDER = -100;
    private static final String RESPONSE_TYPE = "pulse.graphql.response-type";
    private static final String ALLOW = "GET, POST, OPTIONS";

    private final String path;
    private final long maxRequestBytes;

    public GraphQlHttpRoutes(@ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "pulse.graphql.max-request-bytes") long maxRequestBytes) {
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.maxRequestBytes = maxRequestBytes;
    }

    void register(@Observes Router router) {
        // SmallRye's route sees the body as already read and does not read it again.
        router.post(path).order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(maxRequestBytes))
                .failureHandler(this::bodyFailed);
        router.route(path).order(ORDER + 1).handler(this::front);
    }

    private void front(RoutingContext ctx) {
        if (isWebSocketUpgrade(ctx)) {
            ctx.next();
            return;
        }
        ctx.response().putHeader(HttpHeaders.VARY, "Accept");
        ResponseType rerouted = ctx.get(RESPONSE_TYPE);
        if (rerouted != null) {
            toEngine(ctx, rerouted); // a GET, now a POST with its parameters as the body
            return;
        }
        Optional<ResponseType> negotiated = ResponseType.negotiate(ctx.parsedHeaders().accept());
        if (negotiated.isEmpty()) {
            HttpRefusal.of(406, "NOT_ACCEPTABLE", "The Accept header allows none of the media types of a GraphQL response: "
                    + "application/graphql-response+json, application/json.").send(ctx, ResponseType.JSON);
            return;
        }
        ResponseType type = negotiated.get();
        HttpMethod method = ctx.request().method();
        try {
            if (HttpMethod.POST.equals(method)) {
                post(ctx, type);
            } else if (HttpMethod.GET.equals(method)) {
                get(ctx, type);
            } else if (HttpMethod.OPTIONS.equals(method)) {
                ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW).setStatusCode(204).end();
            } else {
                ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW);
                HttpRefusal.of(405, "METHOD_NOT_ALLOWED", "GraphQL is served over POST (and GET for queries), not "
                        + method.name() + ".").send(ctx, type);
            }
        } catch (GraphQlRequest.Refused refused) {
            refused.refusal.send(ctx, type);
        }
    }

    private void post(RoutingContext ctx, ResponseType type) throws GraphQlRequest.Refused {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isJson(contentType)) {
            throw new GraphQlRequest.Refused(HttpRefusal.of(415, "UNSUPPORTED_MEDIA_TYPE", contentType == null
                    ? "The request has no Content-Type; send the GraphQL request as application/json."
                    : "Content-Type " + contentType + " is not supported; send the GraphQL request as application/json."));
        }
        GraphQlRequest request = GraphQlRequest.fromBody(ctx.body().asString("UTF-8"), type);
        // SmallRye executes exactly what was checked: the four parameters, nulls left out
        ((RoutingContextInternal) ctx).setBody(request.engineBody());
        toEngine(ctx, type);
    }

    private void get(RoutingContext ctx, ResponseType type) throws GraphQlRequest.Refused {
        GraphQlRequest request = GraphQlRequest.fromParameters(ctx.queryParams(), type);
        Optional<OperationDefinition.Operation> operation = request.operation();
        if (operation.isPresent() && operation.get() != OperationDefinition.Operation.QUERY) {
            // GraphQL over HTTP: a GET must never change anything (caches and prefetchers repeat GETs);
            // subscriptions are served over WebSocket
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            throw new GraphQlRequest.Refused(HttpRefusal.of(405, "METHOD_NOT_ALLOWED",
                    operation.get() == OperationDefinition.Operation.MUTATION
                            ? "Mutations are not run over GET; send them with POST."
                            : "Subscriptions are served over WebSocket (graphql-transport-ws), not over GET."));
        }
        // The same request as a POST body, executed by SmallRye exactly like one.
        RoutingContextInternal internal = (RoutingContextInternal) ctx;
        internal.setBody(request.engineBody());
        internal.visitHandler(RoutingContextInternal.BODY_HANDLER);
        ctx.put(RESPONSE_TYPE, type);
        ctx.reroute(HttpMethod.POST, ctx.request().path());
    }

    /** Hands the request to SmallRye, and fixes the status and Content-Type of its answer. */
    private void toEngine(RoutingContext ctx, ResponseType type) {
        // SmallRye answers in whatever the Accept header names and refuses what it does not know:
        // the media type is chosen above, so it gets the one it always understands.
        ctx.request().headers().set(HttpHeaders.ACCEPT, "application/json");
        ctx.addHeadersEndHandler(ignored -> {
            if (ctx.response().getStatusCode() != 200) {
                return;
            }
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type.contentType());
            if (type == ResponseType.GRAPHQL_RESPONSE_JSON && Boolean.TRUE.equals(ctx.get(RequestErrors.NO_DATA))) {
                ctx.response().setStatusCode(400);
            }
        });
        ctx.next();
    }

    private void bodyFailed(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            HttpRefusal.of(413, "REQUEST_TOO_LARGE", "The request body exceeds " + maxRequestBytes
                    + " bytes (pulse.graphql.max-request-bytes).").send(ctx, ResponseType.JSON);
        } else {
            ctx.next();
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static boolean isWebSocketUpgrade(RoutingContext ctx) {
        String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }
}
