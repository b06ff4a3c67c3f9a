package io.campaignpulse.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.campaignpulse.db.SafeContexts;
import io.campaignpulse.ingest.IngestTransaction.CommittedBatch;
import io.campaignpulse.readmodel.ReadModelProjector;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Combines the deliveries that arrive while a write is in flight into the next transaction.
 * <p>
 * Ingest transactions are serialised by an advisory lock (so that seq order is commit order), so
 * one transaction per delivery would cap throughput at one commit per round trip. Instead one
 * writer per instance takes every delivery waiting, whole, and commits them together: a single
 * statement and a single commit for many deliveries, each still answered only after that commit.
 * <p>
 * A combined write that fails is retried one delivery at a time, so that a delivery the database
 * refuses can only fail itself, never the deliveries it happened to share a transaction with; and a
 * delivery the database refuses for some of its events is written without them, dead-lettered.
 * <p>
 * Once a write commits, the writer goes on with the next batch while the read model takes in this
 * one ({@link ReadModelProjector}); the deliveries of the batch are answered when that is done, so a
 * client that reads after the 200 sees their events counted.
 */
@ApplicationScoped
public class WriteCombiner {

    private static final Logger LOG = Logger.getLogger(WriteCombiner.class);

    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final IngestTransaction transaction;
    private final UnstorableElementFinder finder;
    private final ReadModelProjector projector;
    private final Vertx vertx;
    private final int maxBatchEvents;
    private final int maxWaiting;
    /** The size of {@link #waiting}, which a ConcurrentLinkedQueue only counts by walking it. */
    private final java.util.concurrent.atomic.AtomicInteger waitingCount = new java.util.concurrent.atomic.AtomicInteger();

    public WriteCombiner(IngestTransaction transaction, UnstorableElementFinder finder, ReadModelProjector projector, Vertx vertx,
            IngestConfig config) {
        this.transaction = transaction;
        this.finder = finder;
        this.projector = projector;
        this.vertx = vertx;
        this.maxBatchEvents = config.maxBatchEvents();
        this.maxWaiting = config.maxWaitingDeliveries();
    }

    /**
     * Completes once the delivery is committed, or fails with {@link StorageUnavailableException}, or with
     * {@link OverloadedException} when {@code pulse.ingest.max-waiting-deliveries} are already waiting
     * (the database is slower than deliveries arrive: waiting longer would only hold their memory).
     */
    public Uni<IngestResult> submit(ParsedDelivery delivery) {
        return Uni.createFrom().emitter(emitter -> {
            if (waitingCount.incrementAndGet() > maxWaiting) {
                waitingCount.decrementAndGet();
                emitter.fail(new OverloadedException(maxWaiting + " deliveries are already waiting to be written "
                        + "(pulse.ingest.max-waiting-deliveries); nothing of this delivery was stored. Retry it."));
                return;
            }
            waiting.add(new Pending(delivery, emitter, Vertx.currentContext(), false));
            drain();
        });
    }

    private void drain() {
        while (!waiting.isEmpty() && writing.compareAndSet(false, true)) {
            List<Pending> batch = takeBatch();
            if (!batch.isEmpty()) {
                SafeContexts.runOnFreshContext(vertx, () -> write(batch).subscribe().with(done -> finished(), failure -> finished()));
                return;
            }
            writing.set(false);
        }
    }

    private void finished() {
        writing.set(false);
        drain();
    }

    private List<Pending> takeBatch() {
        List<Pending> batch = new ArrayList<>();
        int events = 0;
        Pending next;
        while ((next = waiting.peek()) != null) {
            int size = next.delivery.events().size();
            if (!batch.isEmpty() && events + size > maxBatchEvents) {
                break;
            }
            batch.add(waiting.poll());
            waitingCount.decrementAndGet();
            events += size;
        }
        return batch;
    }

    private Uni<Void> write(List<Pending> batch) {
        // deferred: a failure thrown while building the transaction must fail the batch, not the writer
        return Uni.createFrom().deferred(() -> transaction.write(batch.stream().map(Pending::delivery).toList()))
                .invoke(committed -> answerOnceProjected(batch, committed))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    if (batch.size() == 1) {
                        return writeAlone(batch.get(0), failure);
                    }
                    LOG.debugf("A combined write of %d deliveries failed (%s); retrying them one by one", batch.size(), failure);
                    return Multi.createFrom().iterable(batch)
                            .onItem().transformToUniAndConcatenate(pending -> write(List.of(pending)))
                            .collect().last()
                            .replaceWithVoid();
                });
    }

    /**
     * A delivery whose own write failed: when the database refused its data, once more without the
     * events it refuses on their own (dead-lettered, {@link UnstorableElementFinder}); otherwise, or when
     * that fails too, answered 503 with nothing stored.
     */
    private Uni<Void> writeAlone(Pending pending, Throwable failure) {
        if (pending.isolated || !StorageFailures.refusesTheData(failure)) {
            return unavailable(pending, failure);
        }
        return finder.isolate(pending.delivery)
                .onItemOrFailure().transformToUni((isolated, stillFailing) -> stillFailing != null
                        ? unavailable(pending, stillFailing)
                        : write(List.of(pending.isolated(isolated))));
    }

    private static Uni<Void> unavailable(Pending pending, Throwable failure) {
        LOG.warnf("Could not store a delivery of %d events: %s", pending.delivery.received(), failure.toString());
        pending.fail(new StorageUnavailableException(failure));
        return Uni.createFrom().voidItem();
    }

    private void answerOnceProjected(List<Pending> batch, CommittedBatch committed) {
        Uni<Void> projected = committed.stored().isEmpty()
                ? Uni.createFrom().voidItem()
                : projector.awaitProjected(committed.stored().last());
        projected.subscribe().with(ignored -> {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(committed.results().get(i));
            }
        });
    }

    /** @param isolated the delivery is already without the events the database refused on their own */
    private record Pending(ParsedDelivery delivery, UniEmitter<? super IngestResult> emitter, Context caller, boolean isolated) {

        Pending isolated(ParsedDelivery withoutUnstorable) {
            return new Pending(withoutUnstorable, emitter, caller, true);
        }

        void complete(IngestResult result) {
            onCaller(() -> emitter.complete(result));
        }

        void fail(Throwable failure) {
            onCaller(() -> emitter.fail(failure));
        }

        /** Answer on the request's own context, not on the writer's. */
        private void onCaller(Runnable action) {
            if (caller == null) {
                action.run();
            } else {
                caller.runOnContext(ignored -> action.run());
            }
        }
    }
}
