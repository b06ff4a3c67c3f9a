package io.campaignpulse.ingest;

/** The database could not commit a delivery: the provider must retry it later (503). */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(Throwable cause) {
        super("The events could not be stored right now; nothing of this delivery was kept. Retry later.", cause);
    }
}
