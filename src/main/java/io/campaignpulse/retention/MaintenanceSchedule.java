package io.campaignpulse.retention;

import org.jboss.logging.Logger;

import io.campaignpulse.db.SafeContexts;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs {@link PartitionMaintenance} at start-up and every pulse.retention.maintenance-interval. Every replica keeps
 * the schedule; the run of a replica that finds another one running is skipped (the maintenance lock), so partitions
 * are kept up as long as any replica is alive.
 */
@ApplicationScoped
public class MaintenanceSchedule {

    private static final Logger LOG = Logger.getLogger(MaintenanceSchedule.class);

    private final PartitionMaintenance maintenance;
    private final RetentionConfig config;
    private final Vertx vertx;
    private volatile Long timer;

    public MaintenanceSchedule(PartitionMaintenance maintenance, RetentionConfig config, Vertx vertx) {
        this.maintenance = maintenance;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        runOnce();
        long interval = config.maintenanceInterval().toMillis();
        timer = vertx.setPeriodic(interval, interval, id -> runOnce());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        Long current = timer;
        if (current != null) {
            vertx.cancelTimer(current);
        }
    }

    private void runOnce() {
        SafeContexts.runOnFreshContext(vertx, () -> maintenance.run().subscribe().with(
                report -> LOG.debugf("Partition maintenance done: %s", report),
                failure -> {
                    if (failure instanceof MaintenanceRunningException) {
                        LOG.debug("Partition maintenance is running elsewhere; skipped here");
                    } else {
                        // the database may be away; inserts still land (in the default partition), the next run catches up
                        LOG.warnf("Partition maintenance failed (%s); the next run tries again", failure.toString());
                    }
                }));
    }
}
