package dev.statuspagesync.flashduty;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.rest.client.reactive.ClientQueryParam;

/**
 * Flashduty's status-page operations as Flashduty's OpenAPI spec defines them
 * (https://docs.flashcat.cloud/en/api-reference/on-call/status-pages). The app key rides on every call as the
 * {@code app_key} query parameter: the authentication this function uses (Flashduty also accepts access tokens).
 * <p>
 * Documented by Flashduty, and relied on: the error envelope (also on 2xx) and its codes; {@code Retry-After};
 * an update's {@code status} omitted when it leaves the event's status as it was; updates after the event's start;
 * lists without paging. Assumed, and handled either way (the test fake's strict and kind modes): whether an
 * event's {@code description} keeps the create's text or shows its latest update; what deleting an event already
 * gone answers; {@code X-RateLimit-Remaining}/{@code -Reset} on answers (read by Flashduty's own Go client).
 */
@RegisterRestClient(configKey = "flashduty")
@RegisterProvider(FlashdutyErrorMapper.class)
@RegisterProvider(RateLimitHeaders.class)
@ClientQueryParam(name = "app_key", value = "{dev.statuspagesync.flashduty.AppKey.current}")
@Path(FlashdutyPaths.CHANGE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface FlashdutyApi {

    @POST
    @Path(FlashdutyPaths.CREATE)
    Responses.Envelope<Responses.CreatedChange> create(Requests.CreateChange request);

    @POST
    @Path(FlashdutyPaths.DELETE)
    Responses.Envelope<Object> delete(Requests.DeleteChange request);

    @POST
    @Path(FlashdutyPaths.TIMELINE_CREATE)
    Responses.Envelope<Responses.CreatedUpdate> createTimeline(Requests.CreateTimeline request);

    @POST
    @Path(FlashdutyPaths.TIMELINE_UPDATE)
    Responses.Envelope<Object> updateTimeline(Requests.UpdateTimeline request);

    @GET
    @Path(FlashdutyPaths.ACTIVE_LIST)
    Responses.Envelope<Responses.ChangeList> activeList(@RestQuery("page_id") long pageId,
            @RestQuery("type") String type);

    @GET
    @Path(FlashdutyPaths.LIST)
    Responses.Envelope<Responses.ChangeList> list(@RestQuery("page_id") long pageId, @RestQuery("type") String type,
            @RestQuery("status") String status, @RestQuery("start_at_seconds") Long startAtSeconds);

    @GET
    @Path(FlashdutyPaths.INFO)
    Responses.Envelope<Responses.Change> info(@RestQuery("page_id") long pageId,
            @RestQuery("change_id") long changeId);
}
