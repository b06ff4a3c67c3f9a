package io.campaignpulse.recipient;

/**
 * Whether a recipient may still be mailed. The declaration order is not the precedence: see
 * {@link RecipientStatusUpdater} for how the list statuses combine into the overall one.
 */
public enum RecipientStatus {
    ACTIVE,
    UNSUBSCRIBED,
    BOUNCED,
    COMPLAINED,
    BLOCKLISTED
}
