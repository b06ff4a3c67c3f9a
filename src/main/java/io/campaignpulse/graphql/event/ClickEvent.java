package io.campaignpulse.graphql.event;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

import io.campaignpulse.event.StoredEvent;

@Type("ClickEvent")
@Description("A click on a link of a mailing.")
public class ClickEvent extends EventFields implements Event {

    ClickEvent(StoredEvent event) {
        super(event);
    }

    @Description("The clicked URL.")
    public String getLink() {
        return stored().link;
    }
}
