package io.campaignpulse.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A TCP proxy between the application and PostgreSQL that a test can cut (the database is
 * unreachable: open connections drop, new ones are refused) or slow down, without touching the
 * PostgreSQL server other tests use. Started as a test resource; the application's datasource
 * points at it.
 */
public class PostgresProxy implements QuarkusTestResourceLifecycleManager {

    private static volatile PostgresProxy current;

    private Vertx vertx;
    private NetServer server;
    private int port;
    private volatile long delayMillis;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();

    /** The proxy of the running test application. */
    public static PostgresProxy current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        listen(0);
        current = this;
        String url = "postgresql://127.0.0.1:" + port + "/" + databaseName();
        return Map.of("quarkus.datasource.reactive.url", url, "%test.quarkus.datasource.reactive.url", url,
                // one event loop: anything that blocked it would stall every other request
                "quarkus.vertx.event-loops-pool-size", "1");
    }

    private static String databaseName() {
        String direct = System.getenv().getOrDefault("PULSE_TEST_DATABASE_URL", "postgresql://127.0.0.1:5432/test");
        return direct.substring(direct.lastIndexOf('/') + 1);
    }

    @Override
    public void stop() {
        current = null;
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** The database becomes unreachable: every open connection drops, new ones are refused. */
    public void cut() {
        if (server != null) {
            await(server.close());
            server = null;
        }
        open.forEach(NetSocket::close);
        open.clear();
    }

    /** The database is reachable again, on the same port. */
    public void restore() {
        // once only: a second server on the same port would share it, and survive the next cut
        if (server == null) {
            listen(port);
        }
    }

    /** Every packet from the application to the database waits this long (0: no delay). */
    public void delay(long millis) {
        delayMillis = millis;
    }

    private void listen(int wantedPort) {
        server = vertx.createNetServer().connectHandler(this::proxy);
        await(server.listen(wantedPort, "127.0.0.1"));
        port = server.actualPort();
    }

    private void proxy(NetSocket client) {
        client.pause();
        open.add(client);
        vertx.createNetClient().connect(5432, "127.0.0.1").onComplete(connected -> {
            if (connected.failed()) {
                client.close();
                return;
            }
            NetSocket database = connected.result();
            open.add(database);
            client.handler(data -> forward(data, database));
            database.handler(client::write);
            client.closeHandler(v -> database.close());
            database.closeHandler(v -> client.close());
            client.resume();
        });
    }

    private void forward(Buffer data, NetSocket database) {
        long delay = delayMillis;
        if (delay <= 0) {
            database.write(data);
        } else {
            // timers of equal delay fire in the order they were set, so the stream keeps its order
            vertx.setTimer(delay, id -> database.write(data));
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
