package io.campaignpulse.ingest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.core.Response;

/** Turns what can go wrong with a delivery into the JSON errors of the public contract. */
public class IngestExceptionMappers {

    @ServerExceptionMapper
    public Response malformed(MalformedDeliveryException e) {
        return ErrorResponse.of(Response.Status.BAD_REQUEST, e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e) {
        return ErrorResponse.payloadTooLarge(e);
    }

    @ServerExceptionMapper
    public Response unsupportedType(UnsupportedContentTypeException e) {
        return ErrorResponse.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", e.getMessage());
    }

    @ServerExceptionMapper
    public Response overloaded(OverloadedException e) {
        return Response.fromResponse(ErrorResponse.of(Response.Status.SERVICE_UNAVAILABLE, "overloaded", e.getMessage()))
                .header("Retry-After", "2")
                .build();
    }

    @ServerExceptionMapper
    public Response unavailable(StorageUnavailableException e) {
        return Response.fromResponse(ErrorResponse.of(Response.Status.SERVICE_UNAVAILABLE, "storage_unavailable", e.getMessage()))
                .header("Retry-After", "5")
                .build();
    }
}
