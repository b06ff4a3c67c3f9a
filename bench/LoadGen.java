import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator of the Campaign Pulse benchmark for what wrk cannot do: the GraphQL probe,
 * live latency over a graphql-transport-ws subscription, and query latency.
 * Single file, JDK only: {@code java bench/LoadGen.java <command> key=value ...}.
 * Prints its results as key=value lines on stdout (read by bench/run.sh); diagnostics go to stderr.
 * Every loop is bounded in count and in time.
 */
public class LoadGen {

    static final long MAILING_BASE = 10230000001L;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java bench/LoadGen.java probe|live|query key=value ...");
            System.exit(2);
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value, got " + args[i]);
            }
            opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Options o = new Options(opts);
        // GraphQL credential: auth=<Authorization value> (default: $BENCH_GRAPHQL_AUTH), or a signed token
        // minted here from jwtKey=<PKCS#8 PEM> with jwtIssuer/jwtAudience (RS256, valid for an hour)
        GRAPHQL_AUTH = o.map().containsKey("jwtKey")
                ? "Bearer " + mintJwt(o.str("jwtKey", ""), o.str("jwtIssuer", ""), o.str("jwtAudience", ""))
                : o.str("auth", System.getenv("BENCH_GRAPHQL_AUTH"));
        switch (args[0]) {
            case "probe" -> probe(o);
            case "live" -> live(o);
            case "query" -> query(o);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /** The Authorization header of GraphQL requests and connection_init payloads; null: none. */
    static volatile String GRAPHQL_AUTH;

    /** An RS256 JWT of a pulse-reader seeing every bench client, signed with the PKCS#8 PEM key at {@code keyFile}. */
    static String mintJwt(String keyFile, String issuer, String audience) throws Exception {
        String pem = java.nio.file.Files.readString(java.nio.file.Path.of(keyFile))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":" + quote(issuer) + ",\"aud\":" + quote(audience) + ",\"sub\":\"bench\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"groups\":[\"pulse-reader\"],\"optimizely_clients\":[\"10180860001\"]}";
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + b64.encodeToString(rsa.sign());
    }

    record Options(Map<String, String> map) {
        String str(String key, String def) {
            return map.getOrDefault(key, def);
        }

        int num(String key, int def) {
            return Integer.parseInt(map.getOrDefault(key, Integer.toString(def)));
        }

        String base() {
            return str("url", "http://127.0.0.1:8080");
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    // ---------------------------------------------------------------- probe

    /** Which root fields the running service offers, so run.sh can skip parts whose API is missing. */
    static void probe(Options o) throws Exception {
        // two queries: graphql-java refuses an introspection that asks for __Type.fields twice
        HttpResponse<String> r = graphql(o.base(), "{ __schema { queryType { fields { name } } } }", "{}");
        System.out.println("graphql_status=" + r.statusCode());
        System.out.println("query_fields=" + String.join(",", names(r.body())));
        r = graphql(o.base(), "{ __schema { subscriptionType { fields { name } } } }", "{}");
        System.out.println("subscription_fields=" + String.join(",", names(r.body())));
    }

    static List<String> names(String json) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static HttpResponse<String> graphql(String base, String query, String variablesJson) throws Exception {
        String body = "{\"query\":" + quote(query) + ",\"variables\":" + variablesJson + "}";
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (GRAPHQL_AUTH != null) {
            req.header("Authorization", GRAPHQL_AUTH);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- events

    static final String[] TYPES = { "sent", "sent", "sent", "sent", "open", "open", "open", "click", "click",
            "bounce", "unsubscribe", "open", "sent", "click", "spamcomplaint", "open", "sent", "sent", "open", "click" };

    /** One realistic Optimizely event (same shape as bench/ingest.lua produces). */
    static String event(String id, Random rnd, int mailings, int recipients) {
        String type = TYPES[rnd.nextInt(TYPES.length)];
        long mailing = MAILING_BASE + rnd.nextInt(mailings);
        int recipient = rnd.nextInt(recipients);
        StringBuilder b = new StringBuilder(520);
        b.append("{\"type\":\"").append(type).append("\",\"id\":\"").append(id)
                .append("\",\"recipientId\":\"r").append(recipient).append("@example.com\"")
                .append(",\"userListId\":10180860004,\"clientId\":10180860001,\"created\":")
                .append(System.currentTimeMillis())
                .append(",\"subscriptionId\":").append(10227900000L + recipient)
                .append(",\"mailId\":\"M").append(mailing).append("-").append(recipient).append("\"")
                .append(",\"mailingId\":").append(mailing)
                .append(",\"mediaTypesToAddresses\":{\"EMAIL\":\"r").append(recipient).append("@example.com\"}")
                .append(",\"mediaType\":\"EMAIL\"");
        if (type.equals("click")) {
            b.append(",\"link\":\"https://www.example.com/offers/").append(rnd.nextInt(20)).append("?utm_source=newsletter\"");
        } else if (type.equals("bounce")) {
            boolean hard = rnd.nextInt(3) == 0;
            b.append(",\"category\":\"").append(hard ? "hardbounce" : "softbounce")
                    .append("\",\"reason\":\"other\",\"thresholdExceeded\":").append(hard);
        }
        return b.append('}').toString();
    }

    // ---------------------------------------------------------------- live

    /**
     * Subscribes with graphql-transport-ws, then delivers events at a steady rate and measures, per event,
     * the time from the 200 of its delivery to its arrival at the subscriber. {@code ingest=<url>} sends the
     * deliveries to another instance than the subscriber's ({@code url}): the cross-replica path.
     */
    static void live(Options o) throws Exception {
        String base = o.base();
        String ingestBase = o.str("ingest", base);
        String token = o.str("token", "Bearer bench-secret");
        int rate = o.num("rate", 1000);
        int batch = o.num("batch", 10);
        int seconds = o.num("seconds", 30);
        int warmupSeconds = o.num("warmup", 5);
        int mailings = o.num("mailings", 1000);
        int recipients = o.num("recipients", 100000);
        int maxInFlight = o.num("maxInFlight", 2000);
        String prefix = o.str("prefix", "live-" + System.currentTimeMillis());

        Map<String, Long> received = new ConcurrentHashMap<>(rate * (seconds + warmupSeconds) * 2);
        Map<String, Long> acked = new ConcurrentHashMap<>(rate * (seconds + warmupSeconds) * 2);
        Map<String, Long> sent = new ConcurrentHashMap<>(rate * (seconds + warmupSeconds) * 2);
        CountDownLatch ack = new CountDownLatch(1);
        AtomicLong protocolErrors = new AtomicLong();
        StringBuilder firstError = new StringBuilder();
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.Consumer<String> serverError = msg -> {
            if (closing.get()) {
                return; // the answer to our own complete / close
            }
            if (protocolErrors.incrementAndGet() <= 5) {
                System.err.println("server sent: " + msg.substring(0, Math.min(500, msg.length())));
            }
            synchronized (firstError) {
                if (firstError.length() == 0) {
                    firstError.append(msg, 0, Math.min(400, msg.length()));
                }
            }
        };
        Pattern idPattern = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

        WebSocket.Listener listener = new WebSocket.Listener() {
            final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket ws) {
                // unbounded demand: the client never makes the server wait for it
                ws.request(Long.MAX_VALUE);
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                long now = System.nanoTime();
                partial.append(data);
                if (last) {
                    String msg = partial.toString();
                    partial.setLength(0);
                    if (msg.contains("\"connection_ack\"")) {
                        ack.countDown();
                    } else if (msg.contains("\"next\"")) {
                        Matcher m = idPattern.matcher(msg);
                        while (m.find()) {
                            received.putIfAbsent(m.group(1), now);
                        }
                        if (msg.contains("\"errors\"")) {
                            serverError.accept(msg);
                        }
                    } else if (msg.contains("\"ping\"")) {
                        ws.sendText("{\"type\":\"pong\"}", true);
                    } else if (msg.contains("\"error\"") || msg.contains("\"complete\"")) {
                        serverError.accept(msg);
                    }
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                serverError.accept("websocket closed: " + statusCode + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                serverError.accept("websocket error: " + error);
            }
        };

        WebSocket ws = HTTP.newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/graphql"), listener)
                .get(10, TimeUnit.SECONDS);
        String initPayload = GRAPHQL_AUTH == null ? "{}" : "{\"Authorization\":" + quote(GRAPHQL_AUTH) + "}";
        ws.sendText("{\"type\":\"connection_init\",\"payload\":" + initPayload + "}", true).get(5, TimeUnit.SECONDS);
        if (!ack.await(10, TimeUnit.SECONDS)) {
            System.out.println("live_error=no connection_ack within 10 s");
            return;
        }
        ws.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { events { eventId } }\"}}", true)
                .get(5, TimeUnit.SECONDS);

        // The protocol has no "subscribed" message: deliver one probe event until one comes back (bounded).
        Random rnd = new Random(42);
        boolean live = false;
        for (int attempt = 0; attempt < 20 && !live; attempt++) {
            String probeId = prefix + "-probe-" + attempt;
            HttpResponse<String> r = deliver(ingestBase, token, "[" + event(probeId, rnd, mailings, recipients) + "]");
            if (r.statusCode() != 200) {
                System.out.println("live_error=probe delivery answered " + r.statusCode() + ": " + r.body());
                return;
            }
            for (int wait = 0; wait < 10 && !live; wait++) {
                live = received.containsKey(probeId);
                if (!live) {
                    Thread.sleep(100);
                }
            }
        }
        if (!live) {
            System.out.println("live_error=subscriber received no event within 20 s: " + firstError);
            return;
        }

        // Open loop: deliveries leave on schedule whatever the answers do, as a provider would send them.
        long periodNanos = 1_000_000_000L * batch / rate;
        long totalDeliveries = (long) (seconds + warmupSeconds) * rate / batch;
        long warmupDeliveries = (long) warmupSeconds * rate / batch;
        AtomicLong sentDeliveries = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        List<String> measuredIds = java.util.Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        scheduler.scheduleAtFixedRate(() -> {
            long n = sentDeliveries.getAndIncrement();
            if (n >= totalDeliveries) {
                done.countDown();
                return;
            }
            if (inFlight.get() >= maxInFlight) {
                skipped.incrementAndGet();
                return;
            }
            List<String> ids = new ArrayList<>(batch);
            StringBuilder body = new StringBuilder(batch * 520).append('[');
            for (int i = 0; i < batch; i++) {
                String id = prefix + "-" + n + "-" + i;
                ids.add(id);
                if (i > 0) {
                    body.append(',');
                }
                body.append(event(id, rnd, mailings, recipients));
            }
            body.append(']');
            boolean measured = n >= warmupDeliveries;
            inFlight.incrementAndGet();
            long sentAt = System.nanoTime();
            deliverAsync(ingestBase, token, body.toString()).whenComplete((r, e) -> {
                long now = System.nanoTime();
                inFlight.decrementAndGet();
                if (e == null && r.statusCode() == 200) {
                    for (String id : ids) {
                        acked.put(id, now);
                        sent.put(id, sentAt);
                    }
                    if (measured) {
                        measuredIds.addAll(ids);
                    }
                } else {
                    failed.incrementAndGet();
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        boolean finished = done.await(seconds + warmupSeconds + 30L, TimeUnit.SECONDS);
        scheduler.shutdownNow();
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        // let the answers and the last pushes arrive (bounded)
        for (int i = 0; i < 100 && inFlight.get() > 0; i++) {
            Thread.sleep(100);
        }
        List<String> ids;
        synchronized (measuredIds) {
            ids = new ArrayList<>(measuredIds);
        }
        for (int i = 0; i < 100; i++) {
            long missing = ids.stream().filter(id -> !received.containsKey(id)).count();
            if (missing == 0) {
                break;
            }
            Thread.sleep(100);
        }
        closing.set(true);
        ws.sendText("{\"id\":\"1\",\"type\":\"complete\"}", true);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");

        long[] lat = new long[ids.size()];
        // end to end (delivery sent -> event received) and the delivery's own answer time (sent -> 200)
        long[] e2e = new long[ids.size()];
        long[] answer = new long[ids.size()];
        int n = 0;
        long lost = 0;
        long beforeAck = 0;
        for (String id : ids) {
            Long r = received.get(id);
            Long a = acked.get(id);
            if (r == null) {
                lost++;
                continue;
            }
            e2e[n] = r - sent.get(id);
            answer[n] = a - sent.get(id);
            long d = r - a;
            if (d < 0) {
                // pushed on commit and received before the HTTP answer came back: zero delay for the user
                beforeAck++;
                d = 0;
            }
            lat[n++] = d;
        }
        lat = Arrays.copyOf(lat, n);
        Arrays.sort(lat);
        e2e = Arrays.copyOf(e2e, n);
        Arrays.sort(e2e);
        answer = Arrays.copyOf(answer, n);
        Arrays.sort(answer);
        System.out.println("live_finished=" + finished);
        System.out.println("live_rate_target=" + rate);
        System.out.println("live_batch=" + batch);
        System.out.println("live_rate_achieved=" + String.format("%.0f", acked.size() / sendSeconds));
        System.out.println("live_measured_events=" + ids.size());
        System.out.println("live_received=" + n);
        System.out.println("live_lost=" + lost);
        System.out.println("live_before_ack=" + beforeAck);
        System.out.println("live_failed_deliveries=" + failed.get());
        System.out.println("live_skipped_deliveries=" + skipped.get());
        System.out.println("live_protocol_errors=" + protocolErrors.get());
        System.out.println("live_p50_ms=" + ms(pct(lat, 50)));
        System.out.println("live_p99_ms=" + ms(pct(lat, 99)));
        System.out.println("live_max_ms=" + ms(n == 0 ? -1 : lat[n - 1]));
        System.out.println("live_e2e_p50_ms=" + ms(pct(e2e, 50)));
        System.out.println("live_e2e_p99_ms=" + ms(pct(e2e, 99)));
        System.out.println("live_answer_p50_ms=" + ms(pct(answer, 50)));
        System.out.println("live_answer_p99_ms=" + ms(pct(answer, 99)));
        System.out.println("live_acked_total=" + acked.size());
        if (firstError.length() > 0) {
            System.out.println("live_server_error=" + firstError.toString().replace('\n', ' '));
        }
    }

    static HttpRequest deliveryRequest(String base, String token, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/webhooks/optimizely"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    static HttpResponse<String> deliver(String base, String token, String body) throws Exception {
        return HTTP.send(deliveryRequest(base, token, body), HttpResponse.BodyHandlers.ofString());
    }

    static CompletableFuture<HttpResponse<String>> deliverAsync(String base, String token, String body) {
        return HTTP.sendAsync(deliveryRequest(base, token, body), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- query

    static final String MAILING_STATS = "query($id: ID!) { mailing(mailingId: $id) { stats { sent opens uniqueOpens clicks"
            + " uniqueClicks softBounces hardBounces unsubscribes spamComplaints openRate clickRate bounceRate unsubscribeRate } } }";
    static final String RECIPIENT = "query($id: String!) { recipient(recipientId: $id) { status } }";
    static final String CLICK_PAGE = "query($id: ID!) { events(filter: {mailingId: $id, types: [CLICK]}, first: 50) {"
            + " edges { cursor node { eventId type occurredAt } } pageInfo { hasNextPage endCursor } } }";

    /** Sequential query latency (one client, no think time) of the three dashboard reads, p50/p95. */
    static void query(Options o) throws Exception {
        int iterations = o.num("iterations", 500);
        int warmup = o.num("warmup", 100);
        int mailings = o.num("mailings", 1000);
        int recipients = o.num("recipients", 100000);
        int maxSeconds = o.num("maxSeconds", 120);
        String only = o.str("only", "mailing,recipient,events");
        Random rnd = new Random(7);
        String[] kinds = only.split(",");
        // Warm up every query before measuring any: the first one measured would otherwise pay for
        // the JIT compiling the whole GraphQL read path (a running dashboard backend is warm).
        long warmDeadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        for (int i = 0; i < warmup && System.nanoTime() < warmDeadline; i++) {
            for (String kind : kinds) {
                graphql(o.base(), queryOf(kind), variables(kind, rnd, mailings, recipients));
            }
        }
        for (String kind : kinds) {
            String q = queryOf(kind);
            long[] lat = new long[iterations];
            int n = 0;
            long errors = 0;
            long emptyResults = 0;
            String firstError = null;
            long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
            for (int i = 0; i < iterations && System.nanoTime() < deadline; i++) {
                String vars = variables(kind, rnd, mailings, recipients);
                long t0 = System.nanoTime();
                HttpResponse<String> r = graphql(o.base(), q, vars);
                long d = System.nanoTime() - t0;
                String body = r.body();
                if (r.statusCode() != 200 || body.contains("\"errors\"")) {
                    errors++;
                    if (firstError == null) {
                        firstError = r.statusCode() + " " + body.substring(0, Math.min(300, body.length()));
                    }
                    if (i == 0) {
                        break; // the API is not there: no point in repeating
                    }
                    continue;
                }
                lat[n++] = d;
                if (body.contains("\"" + kind + "\":null") || body.contains("\"edges\":[]")) {
                    emptyResults++;
                }
            }
            lat = Arrays.copyOf(lat, n);
            Arrays.sort(lat);
            System.out.println("query_" + kind + "_count=" + n);
            System.out.println("query_" + kind + "_errors=" + errors);
            System.out.println("query_" + kind + "_empty=" + emptyResults);
            System.out.println("query_" + kind + "_p50_ms=" + ms(pct(lat, 50)));
            System.out.println("query_" + kind + "_p95_ms=" + ms(pct(lat, 95)));
            System.out.println("query_" + kind + "_p99_ms=" + ms(pct(lat, 99)));
            if (firstError != null) {
                System.out.println("query_" + kind + "_first_error=" + firstError.replace('\n', ' '));
            }
        }
    }

    static String queryOf(String kind) {
        return switch (kind) {
            case "mailing" -> MAILING_STATS;
            case "recipient" -> RECIPIENT;
            case "events" -> CLICK_PAGE;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static String variables(String kind, Random rnd, int mailings, int recipients) {
        return kind.equals("recipient")
                ? "{\"id\":\"r" + rnd.nextInt(recipients) + "@example.com\"}"
                : "{\"id\":\"" + (MAILING_BASE + rnd.nextInt(mailings)) + "\"}";
    }

    // ---------------------------------------------------------------- helpers

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    static String ms(long nanos) {
        return nanos < 0 ? "n/a" : String.format("%.2f", nanos / 1e6);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
