package io.campaignpulse.graphql.paging;

import org.eclipse.microprofile.graphql.NonNull;

/**
 * An item of a {@link Connection} and its cursor, the position to page on from ({@code after}). Thin named
 * subclasses keep the schema's type names (see {@link Connection}).
 *
 * @param <N> the node type
 */
public abstract class Edge<N> {

    private final String cursor;
    private final N node;

    protected Edge(String cursor, N node) {
        this.cursor = cursor;
        this.node = node;
    }

    @NonNull
    public String getCursor() {
        return cursor;
    }

    @NonNull
    public N getNode() {
        return node;
    }
}
