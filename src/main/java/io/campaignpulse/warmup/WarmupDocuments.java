package io.campaignpulse.warmup;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The GraphQL documents of the warm-up: every read a frontend makes (the shapes the monitor page and the README's
 * examples send), and one large aliased document like those the query-cost limit refuses, because parsing,
 * validating and costing a big document cold takes the longest. {@code round} goes into an alias so that every
 * round is a new document: the engine caches parsed documents by their text, and a cached one would warm nothing.
 */
final class WarmupDocuments {

    private static final String EVENT_FIELDS = """
            __typename eventId cursor type providerType clientId mailingId recipientId userListId mailId mediaType address
            occurredAt receivedAt payload
            ... on ClickEvent { link } ... on BounceEvent { category reason thresholdExceeded }""";

    private static final String MAILING_FIELDS = """
            mailingId clientId firstEventAt lastEventAt
            stats { sent opens uniqueOpens clicks uniqueClicks hardBounces softBounces unsubscribes spamComplaints
                    openRate clickRate bounceRate unsubscribeRate }
            topLinks(limit: 5) { link clicks uniqueClicks }""";

    private WarmupDocuments() {
    }

    static List<String> queries(int round) {
        String r = "r" + round;
        return List.of(
                "query { " + r + ": events(first: 20, filter: {types: [OPEN, CLICK], mailingId: \"1\"}) "
                        + "{ edges { cursor node { " + EVENT_FIELDS + " } } pageInfo { endCursor hasNextPage } } }",
                "query { " + r + ": events(first: 20, after: null, filter: {recipientId: \"warm-up\", userListId: \"1\", "
                        + "from: \"2020-01-01T00:00:00Z\", to: \"2030-01-01T00:00:00Z\", clientId: \"1\"}) "
                        + "{ edges { node { eventId } } } }",
                "query { " + r + ": event(eventId: \"warm-up\") { " + EVENT_FIELDS + " } }",
                "query { " + r + ": mailings(first: 20) { edges { cursor node { " + MAILING_FIELDS + " } } "
                        + "pageInfo { endCursor hasNextPage } } }",
                "query { " + r + ": mailing(mailingId: \"1\") { " + MAILING_FIELDS
                        + " events(first: 10) { edges { node { eventId type } } } } }",
                "query { " + r + ": recipient(recipientId: \"warm-up\") { recipientId status hardBounces softBounces lastEventAt "
                        + "lists { userListId clientId status reason changedAt } events(first: 10) { edges { node { eventId } } } } }",
                "query { " + r + ": recipients(first: 20, status: UNSUBSCRIBED) { edges { cursor node { recipientId status } } "
                        + "pageInfo { endCursor hasNextPage } } }",
                largeDocument(r));
    }

    /** A subscription the warm-up opens over graphql-transport-ws and completes at once. */
    static String subscription(int round) {
        return "subscription { r" + round + ": events(filter: {types: [OPEN]}) { eventId type } }";
    }

    /** 150 aliased pages: about 2,000 tokens, refused by the cost limit after parsing, validation and costing. */
    private static String largeDocument(String r) {
        return IntStream.range(0, 150)
                .mapToObj(i -> r + "_" + i + ": events(first: 500) { edges { node { eventId payload } } }")
                .collect(Collectors.joining(" ", "query { ", " }"));
    }
}
