package io.campaignpulse.ingest;

import java.time.Duration;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends a delivery whose body does not arrive whole in {@code pulse.ingest.body-timeout}: a client
 * sending a byte now and then (slowloris) would otherwise hold a connection and its share of
 * {@code pulse.ingest.max-inflight-bytes} for as long as it likes; the idle timeout never fires for it.
 */
final class BodyTimeout {

    private BodyTimeout() {
    }

    static void arm(RoutingContext routing, Duration timeout) {
        HttpServerRequest request = routing.request();
        if (request.isEnded()) {
            return;
        }
        long timer = routing.vertx().setTimer(Math.max(1, timeout.toMillis()), id -> {
            if (request.isEnded() || routing.response().ended() || routing.response().closed()) {
                return;
            }
            if (!routing.response().headWritten()) {
                routing.response().setStatusCode(408).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                        .end(new JsonObject().put("error", "body_timeout")
                                .put("message", "The body did not arrive whole within " + timeout.toSeconds()
                                        + " s (pulse.ingest.body-timeout); nothing of this delivery was stored.")
                                .encode());
            }
            // the rest of the body must never reach the parser: this connection is done
            request.connection().close();
        });
        routing.addEndHandler(ended -> routing.vertx().cancelTimer(timer));
    }
}
