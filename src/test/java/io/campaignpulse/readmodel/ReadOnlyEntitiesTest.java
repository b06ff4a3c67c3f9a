package io.campaignpulse.readmodel;

import static io.campaignpulse.support.Api.deliver;
import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.metamodel.EntityType;

import org.hibernate.annotations.Immutable;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.campaignpulse.db.SafeContexts;
import io.campaignpulse.mailing.MailingStatsRepository;
import io.campaignpulse.support.Db;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * Only native set-based statements write the tables behind the entities (docs/PERSISTENCE.md), so every entity is
 * mapped read-only, and a write through the mapping is refused instead of racing the projection.
 */
@QuarkusTest
class ReadOnlyEntitiesTest {

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Inject
    MailingStatsRepository mailings;

    @Inject
    Vertx vertx;

    @Test
    void everyEntityIsMappedReadOnly() {
        List<Class<?>> entities = sessionFactory.getMetamodel().getEntities().stream()
                .<Class<?>> map(EntityType::getJavaType).toList();
        assertFalse(entities.isEmpty());
        for (Class<?> entity : entities) {
            assertTrue(entity.isAnnotationPresent(Immutable.class), entity.getName() + " is not @Immutable");
        }
    }

    @Test
    void anUpdateThroughTheMappingIsRefusedAndChangesNothing() throws Exception {
        long mailingId = 7_400_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        deliver(batch(event("sent").recipient("ro-" + mailingId).mailing(mailingId)));
        assertEquals(1L, Db.count("select sent from mailing_stats where mailing_id = ?", mailingId));

        CompletableFuture<Integer> update = new CompletableFuture<>();
        SafeContexts.runOnFreshContext(vertx, () -> Panache.withTransaction(
                () -> mailings.update("sent = 0 where mailingId = ?1", mailingId))
                .subscribe().with(update::complete, update::completeExceptionally));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> update.get(30, TimeUnit.SECONDS));
        assertTrue(String.valueOf(refused.getCause()).contains("immutable"), "refused for another reason: " + refused.getCause());
        assertEquals(1L, Db.count("select sent from mailing_stats where mailing_id = ?", mailingId));
    }
}
