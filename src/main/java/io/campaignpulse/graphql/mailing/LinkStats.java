package io.campaignpulse.graphql.mailing;

import org.eclipse.microprofile.graphql.NonNull;

import io.campaignpulse.mailing.StoredLinkClicks;

public class LinkStats {

    private final StoredLinkClicks row;

    LinkStats(StoredLinkClicks row) {
        this.row = row;
    }

    @NonNull
    public String getLink() {
        return row.link();
    }

    public int getClicks() {
        return (int) Math.min(row.clicks(), Integer.MAX_VALUE);
    }

    public int getUniqueClicks() {
        return (int) Math.min(row.uniqueClicks(), Integer.MAX_VALUE);
    }
}
