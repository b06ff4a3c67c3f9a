package io.campaignpulse.graphql.http;

import java.util.List;
import java.util.Optional;

import io.vertx.ext.web.MIMEHeader;

/**
 * The two media types a GraphQL response can be sent in (GraphQL over HTTP, "Accept").
 * <p>
 * They differ only in status codes: under {@code application/graphql-response+json} a request that does
 * not even start executing (unparseable, invalid or with variables that do not coerce: no {@code data})
 * gets 400, under {@code application/json} it keeps the 200 older clients expect.
 */
enum ResponseType {

    GRAPHQL_RESPONSE_JSON("application/graphql-response+json"),
    JSON("application/json");

    private final String mediaType;

    ResponseType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The Content-Type header value; GraphQL responses are always UTF-8. */
    String contentType() {
        return mediaType + "; charset=utf-8";
    }

    /**
     * The type to answer in for the request's Accept header, already split and sorted by quality;
     * empty when the client accepts neither. No Accept at all, {@code *}{@code /*} and {@code application/*}
     * mean application/json, which every client understands.
     */
    static Optional<ResponseType> negotiate(List<MIMEHeader> accepted) {
        if (accepted == null || accepted.isEmpty()) {
            return Optional.of(JSON);
        }
        for (MIMEHeader range : accepted) {
            range.value(); // Vert.x parses a header value lazily; component() alone does not trigger it
            String component = range.component();
            String subComponent = range.subComponent();
            if (range.weight() <= 0) {
                continue; // q=0: explicitly refused
            }
            if ("application".equalsIgnoreCase(component) && "graphql-response+json".equalsIgnoreCase(subComponent)) {
                return Optional.of(GRAPHQL_RESPONSE_JSON);
            }
            if (("application".equalsIgnoreCase(component) && ("json".equalsIgnoreCase(subComponent) || "*".equals(subComponent)))
                    || ("*".equals(component) && "*".equals(subComponent))) {
                return Optional.of(JSON);
            }
        }
        return Optional.empty();
    }
}
