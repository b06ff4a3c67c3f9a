package io.campaignpulse.retention;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.campaignpulse.db.SafeContexts;
import io.vertx.core.Vertx;

/** Runs partition maintenance from a test, waiting out a run already under way (the one at start-up). */
final class MaintenanceRuns {

    private MaintenanceRuns() {
    }

    static MaintenanceReport runNow(Vertx vertx, PartitionMaintenance maintenance) {
        AtomicReference<MaintenanceReport> report = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                report.set(runOnce(vertx, maintenance));
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof MaintenanceRunningException) {
                    return false; // another run holds the maintenance lock: try again
                }
                throw e;
            }
        });
        return report.get();
    }

    private static MaintenanceReport runOnce(Vertx vertx, PartitionMaintenance maintenance) throws Exception {
        CompletableFuture<MaintenanceReport> done = new CompletableFuture<>();
        SafeContexts.runOnFreshContext(vertx, () -> maintenance.run().subscribe().with(done::complete, done::completeExceptionally));
        return done.get(60, TimeUnit.SECONDS);
    }
}
