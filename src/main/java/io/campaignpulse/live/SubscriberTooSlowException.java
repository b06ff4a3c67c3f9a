package io.campaignpulse.live;

/**
 * Ends a subscription whose client does not keep up: more items waited for it than the
 * configured buffer holds. The client loses nothing if it resubscribes from its last cursor.
 */
public class SubscriberTooSlowException extends RuntimeException {

    private final String lastSentCursor;

    public SubscriberTooSlowException(int buffer, String lastSentCursor) {
        this("Subscriber too slow: more than " + buffer + " items waited for it, so this subscription ended. ", lastSentCursor);
    }

    private SubscriberTooSlowException(String why, String lastSentCursor) {
        super(why + "Resubscribe with `after` set to the cursor of the last event you received"
                + (lastSentCursor == null ? "" : " (the last one sent was \"" + lastSentCursor + "\")")
                + " to get everything since, without gaps.");
        this.lastSentCursor = lastSentCursor;
    }

    /** The subscriber took nothing for {@code stallMillis} while {@code waiting} items waited for it. */
    static SubscriberTooSlowException stalled(long stallMillis, int waiting, String lastSentCursor) {
        return new SubscriberTooSlowException("Subscriber stalled: it took nothing for " + stallMillis + " ms while " + waiting
                + " items waited for it, so this subscription ended. ", lastSentCursor);
    }

    /** Cursor of the last item handed to the transport, null when none was. */
    public String lastSentCursor() {
        return lastSentCursor;
    }
}
