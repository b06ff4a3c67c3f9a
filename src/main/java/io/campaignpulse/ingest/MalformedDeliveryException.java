package io.campaignpulse.ingest;

/** The body cannot be a delivery at all: nothing of it is stored and the sender gets a 400. */
public class MalformedDeliveryException extends RuntimeException {

    private final String code;

    public MalformedDeliveryException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
