package io.campaignpulse.readmodel;

import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.reactive.mutiny.Mutiny;

import io.campaignpulse.event.SeqRange;
import io.campaignpulse.event.StoredEventsListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A listener of the test application that does nothing until a test arms it: then it fails that many
 * projection transactions (as a statement refused or a connection lost mid-way would).
 */
@ApplicationScoped
public class FailingProjections implements StoredEventsListener {

    private final AtomicInteger toFail = new AtomicInteger();

    public void failNext(int projections) {
        toFail.set(projections);
    }

    @Override
    public int projectionOrder() {
        return AFTER_READ_MODEL;
    }

    @Override
    public Uni<Void> onStored(Mutiny.Session session, SeqRange stored) {
        if (toFail.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return Uni.createFrom().failure(new IllegalStateException("projection failed on purpose by the test"));
        }
        return Uni.createFrom().voidItem();
    }
}
