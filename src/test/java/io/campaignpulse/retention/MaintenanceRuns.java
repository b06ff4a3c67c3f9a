package io.campaignpulse.retention;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.campaignpulse.db.SafeContexts;
import io.vertx.core.Vertx;

/** Runs partition maintenance from a test, waiting out a run already under way (the one at start-up). */
final class MaintenanceRuns {

    private MaintenanceRuns() {
    }

    static MaintenanceReport runNow(Vertx vertx, PartitionMaintenance maintenance) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            CompletableFuture<MaintenanceReport> done = new CompletableFuture<>();
            SafeContexts.runOnFreshContext(vertx, () -> maintenance.run().subscribe().with(done::complete, done::completeExceptionally));
            try {
                return done.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof MaintenanceRunningException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
