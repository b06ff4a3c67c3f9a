package io.campaignpulse.ingest;

/** A delivery that is not declared as JSON (415). */
public class UnsupportedContentTypeException extends RuntimeException {

    public UnsupportedContentTypeException(String contentType) {
        super("Content-Type '" + contentType + "' is not supported; send the events as application/json.", null, false, false);
    }
}
