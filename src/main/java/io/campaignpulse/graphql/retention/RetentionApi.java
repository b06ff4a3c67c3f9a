package io.campaignpulse.graphql.retention;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.campaignpulse.retention.MaintenanceRunningException;
import io.campaignpulse.retention.PartitionMaintenance;
import io.campaignpulse.retention.RetentionStatus;
import io.campaignpulse.security.CallerScope;
import io.campaignpulse.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/**
 * How long raw events are kept (readers), and retention applied on demand (admin). Retention drops whole
 * partitions of events and dead letters (docs/RETENTION.md); statistics and statuses are kept whatever it drops.
 */
@GraphQLApi
public class RetentionApi {

    private final RetentionStatus status;
    private final PartitionMaintenance maintenance;
    private final CallerScope scope;

    public RetentionApi(RetentionStatus status, PartitionMaintenance maintenance, CallerScope scope) {
        this.status = status;
        this.maintenance = maintenance;
        this.scope = scope;
    }

    @RolesAllowed(Roles.READER)
    @Query("eventRetention")
    @Description("How far back events are kept. Statistics and statuses are kept for good; the events themselves expire.")
    public Uni<@NonNull EventRetention> eventRetention() {
        return status.events().map(EventRetention::of);
    }

    @RolesAllowed(Roles.ADMIN)
    @Mutation("applyRetention")
    @Description("Runs partition maintenance now (admin, every client): makes the partitions ahead, moves rows out of the "
            + "default partitions, and drops the partitions of events and dead letters older than the retention "
            + "(pulse.retention.events, pulse.retention.dead-letters). Answers what it did. Statistics and statuses are unchanged.")
    public Uni<@NonNull RetentionReport> applyRetention() {
        // it drops every client's events: an admin limited to some clients may not
        return scope.current().chain(caller -> !caller.allowsAll()
                ? Uni.createFrom().failure(new RetentionForbiddenException())
                : maintenance.run()
                        .map(RetentionReport::of)
                        .onFailure(MaintenanceRunningException.class).transform(running -> new RetentionBusyException(running.getMessage())));
    }
}
