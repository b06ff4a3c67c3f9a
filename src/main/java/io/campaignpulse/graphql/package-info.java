/**
 * The GraphQL API, one folder per part:
 * <ul>
 * <li>{@code event}, {@code mailing}, {@code recipient}: the GraphQL types of the read model and the queries that
 * serve them;</li>
 * <li>{@code live}: the subscriptions, and how their streams end (too slow, credential expired, refused);</li>
 * <li>{@code webhook}: the admin API that manages the provider's webhooks;</li>
 * <li>{@code paging}: cursors, page sizes and the building of a page (edges, {@code pageInfo});</li>
 * <li>{@code engine}: what is plugged into SmallRye GraphQL's engine, mostly through {@link java.util.ServiceLoader}:
 * query limits, the response budget, error codes, who may introspect;</li>
 * <li>{@code http}, {@code websocket}: the two transports, with the checks SmallRye's own routes lack.</li>
 * </ul>
 * This package itself holds what every resolver uses: {@link io.campaignpulse.graphql.ReadSessions} (a session of
 * its own per resolver call), {@link io.campaignpulse.graphql.TextArguments} and
 * {@link io.campaignpulse.graphql.BadUserInputException} (a refused argument).
 * <p>
 * Dependencies point one way: the type folders use {@code paging} and {@code engine}, {@code live} uses the type
 * folders and {@code websocket}; nothing outside {@code graphql} imports it.
 */
package io.campaignpulse.graphql;
