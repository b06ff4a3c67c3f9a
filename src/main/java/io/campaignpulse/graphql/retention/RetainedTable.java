package io.campaignpulse.graphql.retention;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("RetainedTable")
@Description("What a partition holds.")
public enum RetainedTable {
    EVENTS,
    DEAD_LETTERS
}
