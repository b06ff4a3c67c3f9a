package io.campaignpulse.graphql.event;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

import io.campaignpulse.event.StoredEvent;

@Type("BounceEvent")
@Description("A soft or hard bounce.")
public class BounceEvent extends EventFields implements Event {

    BounceEvent(StoredEvent event) {
        super(event);
    }

    @Description("softbounce or hardbounce")
    public String getCategory() {
        return stored().bounceCategory;
    }

    public String getReason() {
        return stored().bounceReason;
    }

    public Boolean getThresholdExceeded() {
        return stored().thresholdExceeded;
    }
}
