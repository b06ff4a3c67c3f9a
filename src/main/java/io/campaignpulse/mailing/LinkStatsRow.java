package io.campaignpulse.mailing;

/** Clicks on one link of one mailing. */
public record LinkStatsRow(long mailingId, String link, long clicks, long uniqueClicks) {
}
