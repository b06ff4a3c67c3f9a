package io.campaignpulse.graphql.retention;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.campaignpulse.retention.RetentionStatus;

@Type("EventRetention")
@Description("How far back events are kept (README \"Retention\"). An `events` page over an expired range is empty, not an error.")
public record EventRetention(
        @NonNull @Description("How long events are kept, from their own time (created, or first arrival); ISO-8601 duration, e.g. P90D.")
        String keptFor,
        @Description("Events whose time is before this have expired: they are gone, and a redelivery of one is refused "
                + "(README \"Retention\"). Null while none has expired yet.")
        OffsetDateTime expiredBefore) {

    static EventRetention of(RetentionStatus.EventRetention retention) {
        return new EventRetention(Durations.iso(retention.keptFor()),
                retention.expiredBefore() == null ? null : retention.expiredBefore().atOffset(ZoneOffset.UTC));
    }
}
