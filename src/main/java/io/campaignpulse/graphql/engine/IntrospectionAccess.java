package io.campaignpulse.graphql.engine;

import graphql.ExecutionInput;
import graphql.introspection.Introspection;
import io.campaignpulse.security.AccessRefusals;
import io.campaignpulse.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.spi.EventingService;

/**
 * Introspection follows the read rule: a caller who may not read ({@code pulse-reader}) may not learn the
 * schema either. graphql-java then answers {@code __schema}/{@code __type} with an error (coded by
 * {@link ErrorCodes}). To turn introspection off for everyone, SmallRye's own switch is
 * {@code quarkus.smallrye-graphql.field-visibility=no-introspection}.
 * Loaded by SmallRye through {@link java.util.ServiceLoader}, so it is not a CDI bean.
 */
public class IntrospectionAccess implements EventingService {

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public void beforeExecute(Context context) {
        SecurityIdentity caller = AccessRefusals.currentCaller();
        if (caller == null || !caller.hasRole(Roles.READER)) {
            context.unwrap(ExecutionInput.class).getGraphQLContext().put(Introspection.INTROSPECTION_DISABLED, true);
        }
    }
}
