package io.campaignpulse.warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.campaignpulse.security.WarmupToken;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends the service its own typical GraphQL requests, over its public port, before it reports ready.
 *
 * <p>Why: on a cold JVM the first run of each path costs hundreds of milliseconds of event-loop time (class loading,
 * the first runs of the GraphQL and HQL parsers, whose ANTLR grammars build their prediction caches as they go, the
 * first compilations). Measured under bench/graphql-attack.sh at the production heap on 2 cores: without a warm-up
 * the first large queries blocked an event loop for 0.3–0.7 s each, and the liveness probe that shared it waited up
 * to 1.6 s. Kubernetes sends traffic only once readiness is up, and {@link WarmupReadiness} stays down until this
 * has run, so real clients, and the probes, meet a warm service.
 *
 * <p>The requests carry a {@link WarmupToken}: random, known only to this process, retired when the warm-up ends; it
 * reads as a reader of no real client, so the whole path runs (authentication, parsing, validation, cost, resolvers,
 * SQL) and returns nothing. Nothing is written: no delivery is sent and the subscription is completed at once.
 */
@ApplicationScoped
public class StartupWarmup {

    private static final Logger LOG = Logger.getLogger(StartupWarmup.class);
    private static final String EXPECTED_REFUSAL = "QUERY_TOO_COSTLY";

    private final Vertx vertx;
    private final WarmupConfig config;
    private final WarmupToken token;
    private volatile WarmupReport report = WarmupReport.PENDING;

    public StartupWarmup(Vertx vertx, WarmupConfig config, WarmupToken token) {
        this.vertx = vertx;
        this.config = config;
        this.token = token;
    }

    void onStart(@Observes StartupEvent start) {
        if (!config.enabled()) {
            report = WarmupReport.SKIPPED;
            return;
        }
        run();
    }

    /** How the warm-up went; {@link WarmupReport#PENDING} while it runs. */
    public WarmupReport report() {
        return report;
    }

    private void run() {
        long started = System.nanoTime();
        String bearer = "Bearer " + token.issue();
        String path = graphQlPath();
        List<String> failures = new ArrayList<>();
        int[] sent = {0};
        HttpClient[] client = {null};
        AtomicBoolean finished = new AtomicBoolean();

        Future<Void> chain = whenListening(path, bearer, finished).map(listening -> {
            client[0] = listening;
            sent[0]++;
            return null;
        });
        for (int round = 1; round <= config.rounds(); round++) {
            for (String query : WarmupDocuments.queries(round)) {
                chain = chain.compose(ignored -> {
                    sent[0]++;
                    return post(client[0], path, bearer, query).onFailure(f -> failures.add(f.getMessage())).otherwiseEmpty();
                });
            }
        }
        for (int round = 1; round <= Math.min(2, config.rounds()); round++) {
            int r = round;
            chain = chain.compose(ignored -> {
                sent[0]++;
                return subscribeAndComplete(client[0], path, bearer, WarmupDocuments.subscription(r))
                        .onFailure(f -> failures.add(f.getMessage())).otherwiseEmpty();
            });
        }
        long timer = vertx.setTimer(config.timeout().toMillis(), id -> {
            if (finished.compareAndSet(false, true)) {
                failures.add("did not finish within " + config.timeout());
                end(client[0], started, sent[0], failures);
            }
        });
        chain.onComplete(done -> {
            if (done.failed()) {
                failures.add(done.cause().getMessage());
            }
            if (finished.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                end(client[0], started, sent[0], failures);
            }
        });
    }

    private void end(HttpClient client, long started, int sent, List<String> failures) {
        token.retire();
        if (client != null) {
            client.close();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        report = new WarmupReport(WarmupReport.State.DONE, sent, List.copyOf(failures), millis);
        if (failures.isEmpty()) {
            LOG.infof("Warm-up done: %d requests in %d ms", sent, millis);
        } else {
            // a warm-up never keeps the service from serving: it reports ready anyway, only colder
            LOG.warnf("Warm-up done, %d of %d requests failed, in %d ms; first failure: %s", failures.size(), sent, millis,
                    failures.get(0));
        }
    }

    /**
     * A client of the public port once the server accepts requests there: the server may start after this bean, and
     * with port 0 its port is only known once it listens. Retried every 100 ms until the warm-up's timeout ends it.
     */
    private Future<HttpClient> whenListening(String path, String bearer, AtomicBoolean finished) {
        Promise<HttpClient> listening = Promise.promise();
        attempt(path, bearer, listening, finished);
        return listening.future();
    }

    private void attempt(String path, String bearer, Promise<HttpClient> listening, AtomicBoolean finished) {
        int port = port();
        Future<HttpClient> probe;
        if (port <= 0) {
            probe = Future.failedFuture("the HTTP port is not known yet");
        } else {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setDefaultHost(host()).setDefaultPort(port).setKeepAlive(true));
            probe = post(client, path, bearer, "query { __typename }").map(client)
                    .onFailure(failed -> client.close());
        }
        probe.onComplete(result -> {
            if (result.succeeded() || finished.get()) {
                listening.handle(result);
            } else {
                vertx.setTimer(100, id -> attempt(path, bearer, listening, finished));
            }
        });
    }

    private Future<Void> post(HttpClient client, String path, String bearer, String query) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "application/graphql-response+json")
                .putHeader(HttpHeaders.AUTHORIZATION, bearer);
        return client.request(options)
                .compose(request -> request.send(new JsonObject().put("query", query).toBuffer()))
                .compose(response -> response.body().compose(body -> checked(response.statusCode(), body, query)));
    }

    /** Answered whole, or refused only by the cost limit (the large document is meant to be). */
    private static Future<Void> checked(int status, Buffer body, String query) {
        String text = body.toString();
        boolean refusedByCost = text.contains(EXPECTED_REFUSAL);
        if ((status == 200 && !text.contains("\"errors\"")) || refusedByCost) {
            return Future.succeededFuture();
        }
        String start = query.length() > 60 ? query.substring(0, 60) + "…" : query;
        return Future.failedFuture("HTTP " + status + " for " + start + ": "
                + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
    }

    private Future<Void> subscribeAndComplete(HttpClient client, String path, String bearer, String subscription) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setURI(path)
                .setSubProtocols(List.of("graphql-transport-ws"));
        return client.webSocket(options).compose(socket -> {
            Promise<Void> done = Promise.promise();
            socket.textMessageHandler(text -> {
                String type = new JsonObject(text).getString("type", "");
                if (type.equals("connection_ack")) {
                    socket.writeTextMessage(new JsonObject().put("id", "1").put("type", "subscribe")
                            .put("payload", new JsonObject().put("query", subscription)).encode());
                    // completing at once still runs the subscription's parse, validation and set-up
                    socket.writeTextMessage(new JsonObject().put("id", "1").put("type", "complete").encode())
                            .onComplete(written -> closeThen(socket, done, null));
                } else if (type.equals("error")) {
                    closeThen(socket, done, "subscription refused: " + text);
                }
            });
            socket.closeHandler(closed -> done.tryFail("closed before the subscription was set up: " + socket.closeStatusCode()));
            socket.writeTextMessage(new JsonObject().put("type", "connection_init")
                    .put("payload", new JsonObject().put("Authorization", bearer)).encode());
            return done.future();
        });
    }

    private static void closeThen(WebSocket socket, Promise<Void> done, String failure) {
        socket.close().onComplete(closed -> {
            if (failure == null) {
                done.tryComplete();
            } else {
                done.tryFail(failure);
            }
        });
    }

    private static String host() {
        String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
    }

    private static int port() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(8080);
    }

    private static String graphQlPath() {
        String httpRoot = ConfigProvider.getConfig().getOptionalValue("quarkus.http.root-path", String.class).orElse("/");
        String graphQl = ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-graphql.root-path", String.class)
                .orElse("graphql");
        String root = httpRoot.endsWith("/") ? httpRoot.substring(0, httpRoot.length() - 1) : httpRoot;
        return root + (graphQl.startsWith("/") ? graphQl : "/" + graphQl);
    }
}
