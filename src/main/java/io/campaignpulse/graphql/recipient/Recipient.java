package io.campaignpulse.graphql.recipient;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.recipient.RecipientView;
import io.campaignpulse.recipient.RecipientStatus;

/** A recipient; {@code lists} and {@code events} are resolved in {@link RecipientQueries}. */
public class Recipient {

    private final RecipientView row;

    public Recipient(RecipientView row) {
        this.row = row;
    }

    @NonNull
    public String getRecipientId() {
        return row.recipientId();
    }

    @NonNull
    @Description("Across the lists the caller may see (README \"Per-client isolation\"): BLOCKLISTED if any list is, else COMPLAINED if any, else BOUNCED if any, "
            + "else ACTIVE if any list is ACTIVE, else UNSUBSCRIBED.")
    public RecipientStatus getStatus() {
        return row.status();
    }

    public OffsetDateTime getLastEventAt() {
        return row.lastEventAt();
    }

    public int getSoftBounces() {
        return (int) Math.min(row.softBounces(), Integer.MAX_VALUE);
    }

    public int getHardBounces() {
        return (int) Math.min(row.hardBounces(), Integer.MAX_VALUE);
    }
}
