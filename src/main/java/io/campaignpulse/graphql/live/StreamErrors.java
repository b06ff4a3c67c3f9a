package io.campaignpulse.graphql.live;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.GraphQLException;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import io.campaignpulse.graphql.paging.InvalidCursorException;
import io.campaignpulse.live.SubscriberTooSlowException;

/**
 * Errors that end a subscription stream. SmallRye GraphQL shows a stream failure's own message only
 * for a {@link GraphQLException}, and over WebSocket its extension providers (which turn
 * {@code @ErrorCode} into {@code extensions.code}) did not run in our tests. graphql-java copies
 * the extensions of an exception that is itself a {@link GraphQLError}, so the code travels that way.
 */
final class StreamErrors {

    private StreamErrors() {
    }

    /** The error a subscription refused at its start ends with. */
    static StreamError refusal(Exception refused) {
        String code;
        if (refused instanceof InvalidCursorException) {
            code = "INVALID_CURSOR";
        } else {
            code = "BAD_USER_INPUT";
        }
        return new StreamError(refused.getMessage(), code, Map.of());
    }

    /** The error a subscription refused by its caller's credential ends with (UNAUTHORIZED, FORBIDDEN). */
    static StreamError accessRefused(String message, String code) {
        return new StreamError(message, code, Map.of());
    }

    static StreamError tooSlow(SubscriberTooSlowException slow) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (slow.lastSentCursor() != null) {
            extensions.put("lastSentCursor", slow.lastSentCursor());
        }
        return new StreamError(slow.getMessage(), "SUBSCRIBER_TOO_SLOW", extensions);
    }

    static final class StreamError extends GraphQLException implements GraphQLError {

        private final Map<String, Object> extensions;

        StreamError(String message, String code, Map<String, Object> more) {
            super(message);
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("code", code);
            all.putAll(more);
            this.extensions = Map.copyOf(all);
        }

        @Override
        public List<SourceLocation> getLocations() {
            return null;
        }

        @Override
        public ErrorClassification getErrorType() {
            return ErrorType.DataFetchingException;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return extensions;
        }
    }
}
