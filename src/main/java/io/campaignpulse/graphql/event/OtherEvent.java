package io.campaignpulse.graphql.event;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

import io.campaignpulse.event.StoredEvent;

@Type("OtherEvent")
@Description("Every event that is neither a bounce nor a click, including types the provider adds later.")
public class OtherEvent extends EventFields implements Event {

    OtherEvent(StoredEvent event) {
        super(event);
    }
}
