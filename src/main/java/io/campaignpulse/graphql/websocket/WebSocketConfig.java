package io.campaignpulse.graphql.websocket;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pulse.graphql.ws.*}: bounds on GraphQL WebSockets (see {@link GraphQLWebSockets}). */
@ConfigMapping(prefix = "pulse.graphql.ws")
public interface WebSocketConfig {

    /** GraphQL WebSockets open at once on this instance; one more upgrade is answered 503. */
    @WithDefault("2000")
    int maxConnections();

    /** Operations one connection may have open; one more is refused with TOO_MANY_SUBSCRIPTIONS. */
    @WithDefault("50")
    int maxSubscriptions();

    /** Time from the upgrade to {@code connection_init}; then the socket is closed with 4408. */
    @WithDefault("10s")
    Duration initTimeout();

    /** A socket with no operation open that sent nothing for this long is closed. */
    @WithDefault("5m")
    Duration idleTimeout();
}
