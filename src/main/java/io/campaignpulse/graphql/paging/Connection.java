package io.campaignpulse.graphql.paging;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.NonNull;

/**
 * One page of a keyset-paged list as the schema shows it: its edges and its {@link PageInfo}. Every
 * connection of the schema is a thin named subclass ({@code EventConnection}, {@code MailingConnection},
 * {@code RecipientConnection}): SmallRye GraphQL names a type after its class, so a subclass keeps the
 * schema's type name, while {@code Connection<EventEdge>} used as a result type itself becomes a type named
 * {@code Connection_EventEdge} (checked on Quarkus 3.33.2).
 * <p>
 * A list is read with one row more than the page holds ({@code first + 1}): that row is not shown, it only
 * tells that another page follows, without counting the rest.
 *
 * @param <E> the connection's edge type
 */
public abstract class Connection<E extends Edge<?>> {

    private final List<E> edges;
    private final PageInfo pageInfo;

    /**
     * @param fetched up to {@code size + 1} rows, in the list's order
     * @param toEdge the edge that shows a row
     */
    protected <R> Connection(List<R> fetched, int size, Function<R, E> toEdge) {
        this.edges = fetched.stream().limit(size).map(toEdge).toList();
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).getCursor();
        this.pageInfo = new PageInfo(fetched.size() > size, endCursor);
    }

    @NonNull
    public List<@NonNull E> getEdges() {
        return edges;
    }

    @NonNull
    public PageInfo getPageInfo() {
        return pageInfo;
    }
}
