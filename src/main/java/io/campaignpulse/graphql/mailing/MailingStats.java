package io.campaignpulse.graphql.mailing;

import org.eclipse.microprofile.graphql.Description;

import io.campaignpulse.mailing.StoredMailingStats;

@Description("Counts over the stored events of a mailing; rates are over `sent` and null while nothing was sent.")
public class MailingStats {

    private final StoredMailingStats row;

    MailingStats(StoredMailingStats row) {
        this.row = row;
    }

    public int getSent() {
        return saturated(row.sent());
    }

    public int getOpens() {
        return saturated(row.opens());
    }

    @Description("Recipients who opened at least once.")
    public int getUniqueOpens() {
        return saturated(row.uniqueOpens());
    }

    public int getClicks() {
        return saturated(row.clicks());
    }

    @Description("Recipients who clicked at least once.")
    public int getUniqueClicks() {
        return saturated(row.uniqueClicks());
    }

    public int getSoftBounces() {
        return saturated(row.softBounces());
    }

    public int getHardBounces() {
        return saturated(row.hardBounces());
    }

    public int getUnsubscribes() {
        return saturated(row.unsubscribes());
    }

    public int getSpamComplaints() {
        return saturated(row.spamComplaints());
    }

    @Description("uniqueOpens / sent")
    public Double getOpenRate() {
        return rate(row.uniqueOpens());
    }

    @Description("uniqueClicks / sent")
    public Double getClickRate() {
        return rate(row.uniqueClicks());
    }

    @Description("(softBounces + hardBounces) / sent")
    public Double getBounceRate() {
        return rate(row.softBounces() + row.hardBounces());
    }

    @Description("unsubscribes / sent")
    public Double getUnsubscribeRate() {
        return rate(row.unsubscribes());
    }

    private Double rate(long count) {
        return row.sent() == 0 ? null : (double) count / row.sent();
    }

    /** GraphQL Int is 32 bits; a count beyond it is reported as the largest Int rather than failing. */
    private static int saturated(long count) {
        return (int) Math.min(count, Integer.MAX_VALUE);
    }
}
