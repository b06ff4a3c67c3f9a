package io.campaignpulse.ingest;

/** A delivery over {@code pulse.ingest.max-body-bytes} (413). */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("The body is larger than " + limit + " bytes (pulse.ingest.max-body-bytes); send smaller batches.", null, false, false);
    }
}
