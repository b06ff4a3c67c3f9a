package io.campaignpulse.ingest;

/** More deliveries are waiting for the writer than {@code pulse.ingest.max-waiting-deliveries}: retry later (503). */
public class OverloadedException extends RuntimeException {

    public OverloadedException(String message) {
        super(message);
    }
}
