package io.campaignpulse.graphql.paging;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.campaignpulse.graphql.BadUserInputException;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks `first`: a value beyond the cap is refused, never silently cut. */
@ApplicationScoped
public class PageSize {

    public static final int DEFAULT = 50;

    private final int max;

    public PageSize(@ConfigProperty(name = "pulse.graphql.max-page-size", defaultValue = "500") int max) {
        this.max = max;
    }

    public int of(Integer first) throws BadUserInputException {
        if (first == null) {
            return Math.min(DEFAULT, max);
        }
        if (first < 0) {
            throw new BadUserInputException("`first` must not be negative (got " + first + ").");
        }
        if (first > max) {
            throw new BadUserInputException("`first` must be at most " + max + " (got " + first
                    + "); page on with `after` and the returned `pageInfo.endCursor`.");
        }
        return first;
    }
}
