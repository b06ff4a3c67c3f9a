package io.campaignpulse.graphql.recipient;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.recipient.RecipientListView;
import io.campaignpulse.recipient.RecipientStatus;

@Description("The status of a recipient on one recipient list (client and list are null where the events did not name them).")
public class RecipientList {

    private final RecipientListView row;

    RecipientList(RecipientListView row) {
        this.row = row;
    }

    @Id
    public Long getClientId() {
        return row.clientId();
    }

    @Id
    public Long getUserListId() {
        return row.userListId();
    }

    @NonNull
    public RecipientStatus getStatus() {
        return row.status();
    }

    @Description("The time of the event that set the status; null while only sent/open/click events are known.")
    public OffsetDateTime getChangedAt() {
        return row.changedAt();
    }

    @Description("What set the status, e.g. \"unsubscribe\" or \"hardbounce: other\".")
    public String getReason() {
        return row.reason();
    }
}
