package io.campaignpulse.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.campaignpulse.event.StoredEventsListener;
import io.campaignpulse.live.CommitNotifier;
import io.campaignpulse.mailing.MailingStatsUpdater;
import io.campaignpulse.recipient.RecipientStatusUpdater;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The projection runs its listeners in their declared order, whatever order CDI finds the beans in. */
@QuarkusTest
class ProjectionOrderTest {

    @Inject
    ReadModelProjector projector;

    @Test
    void statisticsThenStatusThenTheTestListenerAndTheCommitNotificationLast() {
        List<Class<?>> order = projector.listeners().stream().<Class<?>>map(ProjectionOrderTest::beanClass).toList();
        assertEquals(List.of(MailingStatsUpdater.class, RecipientStatusUpdater.class, FailingProjections.class,
                CommitNotifier.class), order);
    }

    /** CDI hands out client proxies of the beans: their superclass is the bean class. */
    private static Class<?> beanClass(StoredEventsListener listener) {
        Class<?> type = listener.getClass();
        return type.getName().contains("_ClientProxy") ? type.getSuperclass() : type;
    }
}
