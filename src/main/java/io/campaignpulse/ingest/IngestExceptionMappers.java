package io.campaignpulse.ingest;

import static io.campaignpulse.ingest.IngestRequestFilter.error;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.core.Response;

/** Turns what can go wrong with a delivery into the JSON errors of the public contract. */
public class IngestExceptionMappers {

    @ServerExceptionMapper
    public Response malformed(MalformedDeliveryException e) {
        return error(Response.Status.BAD_REQUEST, e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unsupportedType(UnsupportedContentTypeException e) {
        return error(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(StorageUnavailableException e) {
        return Response.fromResponse(error(Response.Status.SERVICE_UNAVAILABLE, "storage_unavailable", e.getMessage()))
                .header("Retry-After", "5")
                .build();
    }
}
