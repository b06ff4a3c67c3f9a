package io.campaignpulse.graphql.http;

import graphql.ExecutionResult;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.spi.EventingService;
import io.vertx.ext.web.RoutingContext;

/**
 * Marks an HTTP request whose execution produced no {@code data} at all: the document did not validate,
 * its variables did not coerce, or a limit refused it before it ran. GraphQL over HTTP calls that a
 * request error, answered 400 under {@code application/graphql-response+json}; {@link GraphQlHttpRoutes}
 * sets the status when the response goes out (SmallRye writes every result with 200).
 * <p>
 * Such results are produced synchronously, inside SmallRye's request handler, so the current request is
 * still known here; a result with data may complete later elsewhere, but it keeps its 200 anyway.
 * Loaded by SmallRye through {@link java.util.ServiceLoader}, so it is not a CDI bean.
 */
public class RequestErrors implements EventingService {

    static final String NO_DATA = "pulse.graphql.no-data";

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public void afterExecute(Context context) {
        ExecutionResult result = context.unwrap(ExecutionResult.class);
        if (result == null || result.isDataPresent()) {
            return;
        }
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return;
        }
        RoutingContext request = container.instance(CurrentVertxRequest.class).get().getCurrent();
        if (request != null) {
            request.put(NO_DATA, Boolean.TRUE);
        }
    }
}
