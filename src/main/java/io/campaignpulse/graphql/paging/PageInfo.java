package io.campaignpulse.graphql.paging;

import org.eclipse.microprofile.graphql.NonNull;

public class PageInfo {

    private final boolean hasNextPage;
    private final String endCursor;

    public PageInfo(boolean hasNextPage, String endCursor) {
        this.hasNextPage = hasNextPage;
        this.endCursor = endCursor;
    }

    @NonNull
    public boolean isHasNextPage() {
        return hasNextPage;
    }

    public String getEndCursor() {
        return endCursor;
    }
}
