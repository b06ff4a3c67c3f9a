package io.campaignpulse.graphql;

import java.util.List;
import java.util.Map;

import graphql.ExecutionInput;
import io.campaignpulse.security.ReadAccess;
import io.campaignpulse.security.ReadAccessDeniedException;
import io.smallrye.graphql.api.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The read token for subscriptions. Over WebSocket the token may come in the
 * {@code connection_init} payload ({@code {"Authorization": "Bearer …"}}, what browser clients can
 * send) or as a header of the upgrade request; SmallRye passes both into the GraphQL context.
 */
@ApplicationScoped
public class SubscriberAccess {

    private static final String AUTHORIZATION = "Authorization";

    private final ReadAccess access;
    private final Context context;

    public SubscriberAccess(ReadAccess access, Context context) {
        this.access = access;
        this.context = context;
    }

    public void check() throws ReadAccessDeniedException {
        if (access.isOpen()) {
            return;
        }
        String authorization = authorization();
        if (!access.allows(authorization)) {
            throw new ReadAccessDeniedException(authorization == null
                    ? "Subscribing needs the read token: send {\"Authorization\": \"Bearer <read token>\"} as the connection_init payload "
                            + "or the header `Authorization: Bearer <read token>` with the WebSocket upgrade."
                    : "The read token given for this subscription is not valid.");
        }
    }

    private String authorization() {
        graphql.GraphQLContext graphQLContext = context.unwrap(ExecutionInput.class).getGraphQLContext();
        Object payload = graphQLContext.get("init-payload");
        if (payload instanceof Map<?, ?> init) {
            for (Map.Entry<?, ?> entry : init.entrySet()) {
                if (AUTHORIZATION.equalsIgnoreCase(String.valueOf(entry.getKey()))) {
                    return text(entry.getValue());
                }
            }
        }
        Object headers = graphQLContext.get("httpHeaders");
        if (headers instanceof Map<?, ?> upgrade) {
            for (Map.Entry<?, ?> entry : upgrade.entrySet()) {
                if (AUTHORIZATION.equalsIgnoreCase(String.valueOf(entry.getKey())) && entry.getValue() instanceof List<?> values
                        && !values.isEmpty()) {
                    return String.valueOf(values.get(0));
                }
            }
        }
        return null;
    }

    private static String text(Object value) {
        if (value instanceof JsonString json) {
            return json.getString();
        }
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        return value.toString();
    }
}
