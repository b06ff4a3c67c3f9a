package io.campaignpulse.graphql.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How every connection turns the rows read (one more than the page) into edges and pageInfo. */
class ConnectionTest {

    private static final class ItemEdge extends Edge<String> {
        ItemEdge(String item) {
            super("cursor-of-" + item, item);
        }
    }

    private static final class Items extends Connection<ItemEdge> {
        Items(List<String> fetched, int size) {
            super(fetched, size, ItemEdge::new);
        }
    }

    private static List<String> nodes(Items page) {
        return page.getEdges().stream().map(Edge::getNode).toList();
    }

    @Test
    void theExtraRowIsNotShownAndSaysAnotherPageFollows() {
        Items page = new Items(List.of("a", "b", "c"), 2);
        assertEquals(List.of("a", "b"), nodes(page));
        assertTrue(page.getPageInfo().isHasNextPage());
        assertEquals("cursor-of-b", page.getPageInfo().getEndCursor(), "the last edge shown, not the extra row");
    }

    @Test
    void aFullPageWithoutTheExtraRowIsTheLast() {
        Items page = new Items(List.of("a", "b"), 2);
        assertEquals(List.of("a", "b"), nodes(page));
        assertFalse(page.getPageInfo().isHasNextPage());
        assertEquals("cursor-of-b", page.getPageInfo().getEndCursor());
    }

    @Test
    void aShortPageIsTheLast() {
        Items page = new Items(List.of("a"), 50);
        assertEquals(List.of("a"), nodes(page));
        assertFalse(page.getPageInfo().isHasNextPage());
        assertEquals("cursor-of-a", page.getPageInfo().getEndCursor());
    }

    @Test
    void anEmptyListHasNoEndCursor() {
        Items page = new Items(List.of(), 50);
        assertTrue(page.getEdges().isEmpty());
        assertFalse(page.getPageInfo().isHasNextPage());
        assertNull(page.getPageInfo().getEndCursor());
    }

    @Test
    void firstZeroShowsNothingButTellsWhetherThereIsAnything() {
        Items page = new Items(List.of("a"), 0);
        assertTrue(page.getEdges().isEmpty());
        assertTrue(page.getPageInfo().isHasNextPage());
        assertNull(page.getPageInfo().getEndCursor());
    }

    @Test
    void everyEdgeCarriesItsOwnCursorInListOrder() {
        Items page = new Items(List.of("z", "y", "x"), 5);
        assertEquals(List.of("cursor-of-z", "cursor-of-y", "cursor-of-x"), page.getEdges().stream().map(Edge::getCursor).toList());
    }
}
