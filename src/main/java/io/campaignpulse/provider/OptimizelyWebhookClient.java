package io.campaignpulse.provider;

import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The seven webhook operations of the Optimizely Campaign REST API, exactly as its OpenAPI document names
 * paths, query parameters and form fields. Reached only through {@link OptimizelyWebhooks}, which adds
 * credentials, retries and error mapping.
 */
@RegisterRestClient(configKey = "optimizely")
@Path("/{clientId}/webhooks")
@Produces({ MediaType.APPLICATION_JSON, OptimizelyWebhookClient.BROADMAIL_JSON })
interface OptimizelyWebhookClient {

    /** The provider's vendor media type; its responses come in this or in plain JSON. */
    String BROADMAIL_JSON = "application/vnd.optivo.broadmail.v1+json";

    @GET
    Uni<List<ProviderWebhook>> selectWebhooks(
            @PathParam("clientId") long clientId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("sort") String sort,
            @QueryParam("direction") String direction,
            @QueryParam("offset") int offset,
            @QueryParam("limit") int limit);

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<ProviderWebhook> createWebhook(
            @PathParam("clientId") long clientId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @FormParam("type") String type,
            @FormParam("format") String format,
            @FormParam("targetUrl") String targetUrl,
            @FormParam("authentication") String authentication);

    @PUT
    @Path("/{webhookId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<ProviderWebhook> updateWebhook(
            @PathParam("clientId") long clientId,
            @PathParam("webhookId") long webhookId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @FormParam("type") String type,
            @FormParam("format") String format,
            @FormParam("targetUrl") String targetUrl,
            @FormParam("authentication") String authentication);

    @DELETE
    @Path("/{webhookId}")
    Uni<Void> deleteWebhook(
            @PathParam("clientId") long clientId,
            @PathParam("webhookId") long webhookId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @POST
    @Path("/{webhookId}/activate")
    Uni<ProviderWebhook> activateWebhook(
            @PathParam("clientId") long clientId,
            @PathParam("webhookId") long webhookId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @POST
    @Path("/{webhookId}/deactivate")
    Uni<ProviderWebhook> deactivateWebhook(
            @PathParam("clientId") long clientId,
            @PathParam("webhookId") long webhookId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("/{webhookId}/verify")
    Uni<List<ProviderVerification>> verifyWebhook(
            @PathParam("clientId") long clientId,
            @PathParam("webhookId") long webhookId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("mailingId") long mailingId,
            @QueryParam("numberOfEvents") int numberOfEvents);

    /** Keeps the provider's status and body, which the default mapping would drop. */
    @ClientExceptionMapper
    static RuntimeException toStatusError(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new ProviderStatusError(response.getStatus(), body);
    }
}
