package io.campaignpulse.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.campaignpulse.event.EventReadRepository.PayloadSize;
import io.campaignpulse.support.Events;
import io.campaignpulse.support.Ingest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/**
 * The two reads of an events page: the sizes first, then exactly the events sized (what the response budget
 * reserved for), and statements PostgreSQL can keep one plan of.
 */
@QuarkusTest
class EventPageReadTest {

    @Inject
    EventReadRepository reads;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    private final long mailing = System.nanoTime() % 1_000_000_000L * 1000 + 11;

    @Test
    void thePageLoadsTheEventsItWasSizedForEvenWhenNewerOnesArriveInBetween() throws Throwable {
        deliver(20);
        EventCriteria ofTheMailing = EventCriteria.ALL.withMailingId(mailing);

        List<PayloadSize> sized = await(session -> reads.pagePayloadSizes(session, ofTheMailing, null, 2));
        assertEquals(2, sized.size(), "the page's, although the statement reads up to " + EventReadRepository.statementLimit(2));
        assertTrue(sized.get(0).seq() > sized.get(1).seq(), "newest first");
        // newer events of the same mailing, stored between the two reads: a page read again by its limit would
        // hold them instead of the ones reserved for
        deliver(2);
        List<StoredEvent> page = await(session -> reads.page(session, sized));

        assertEquals(sized.stream().map(PayloadSize::seq).toList(), page.stream().map(e -> e.seq).toList());
        for (int i = 0; i < page.size(); i++) {
            assertEquals(page.get(i).payload.getBytes(StandardCharsets.UTF_8).length, sized.get(i).bytes(),
                    "the size is the payload's, in bytes");
        }
    }

    @Test
    void anEmptyPageIsNotReadTwice() throws Throwable {
        EventCriteria nothingStored = EventCriteria.ALL.withMailingId(mailing + 1);
        List<PayloadSize> sized = await(session -> reads.pagePayloadSizes(session, nothingStored, null, 50));
        assertEquals(List.of(), sized);
        assertEquals(List.of(), await(session -> reads.page(session, sized)));
    }

    /**
     * A limit bound as a parameter kept PostgreSQL from ever using a generic plan for a page read (it cannot cost an
     * unknown limit), so every read was planned again over every partition: the statements carry their limit as text.
     */
    @Test
    void pageStatementsCarryTheirLimitAsTextRoundedToFewValues() throws Throwable {
        deliver(1);
        EventCriteria ofTheMailing = new EventCriteria(EnumSet.of(EventType.OPEN), null, mailing, null, null, null, null);
        List<String> statements = await(session -> reads.pagePayloadSizes(session, ofTheMailing, null, 51)
                .chain(sized -> reads.page(session, sized))
                .chain(() -> reads.pagePayloadSizes(session, ofTheMailing, null, 40))
                // the session's one connection: the statements it prepared, as PostgreSQL received them
                .chain(() -> session.createNativeQuery("select statement from pg_prepared_statements where statement like "
                        + "'%from event %order by %' and statement not like '%pg_prepared_statements%'", String.class)
                        .getResultList()));

        assertFalse(statements.isEmpty(), "the page reads are prepared statements");
        for (String statement : statements) {
            assertFalse(statement.matches("(?s).*(fetch first|limit|offset) *\\$\\d.*"), "a limit bound as a parameter: " + statement);
        }
        assertEquals(1, statements.stream().filter(s -> s.contains("octet_length")).count(),
                "pages of 51 and of 40 share one statement: " + statements);
        assertTrue(statements.stream().anyMatch(s -> s.contains("fetch first 64 rows only") || s.contains("limit 64")), statements.toString());
    }

    @Test
    void statementLimitsArePowersOfTwoFromSixteen() {
        assertEquals(16, EventReadRepository.statementLimit(1));
        assertEquals(16, EventReadRepository.statementLimit(16));
        assertEquals(32, EventReadRepository.statementLimit(17));
        assertEquals(64, EventReadRepository.statementLimit(51));
        assertEquals(64, EventReadRepository.statementLimit(64));
        assertEquals(128, EventReadRepository.statementLimit(65));
        assertEquals(512, EventReadRepository.statementLimit(501));
    }

    private void deliver(int opens) {
        List<Events> events = new ArrayList<>();
        for (int i = 0; i < opens; i++) {
            events.add(Events.event("open").mailing(mailing).recipient("p-" + UUID.randomUUID() + "@example.com"));
        }
        Ingest.deliver(Events.batch(events)).statusCode(200);
    }

    private <T> T await(Function<Mutiny.Session, Uni<T>> read) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> sessionFactory.withSession(read));
    }
}
