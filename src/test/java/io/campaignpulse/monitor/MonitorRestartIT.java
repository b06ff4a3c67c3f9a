package io.campaignpulse.monitor;

import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.campaignpulse.support.Events;
import io.campaignpulse.support.PackagedArtifact;

/**
 * The service restarted under an open monitor page. The page must show that it is reconnecting, then
 * that it resumed, and show every event stored while it was away exactly once: it resubscribes with
 * {@code after:} = the cursor of the last event it showed, which this test reads from the WebSocket
 * frames the browser sent.
 * <p>
 * Events are stored "meanwhile" through a second replica (as during a rolling restart), while the page's
 * own instance is down: they can reach the page only through the resume.
 */
class MonitorRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOAD = Duration.ofSeconds(60);

    private final List<AutoCloseable> running = new ArrayList<>();
    private Browser browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        for (AutoCloseable service : running) {
            service.close();
        }
    }

    private PackagedService start(int port, String name) throws Exception {
        Path log = Path.of("target/monitor-restart-" + name + ".log");
        Files.deleteIfExists(log);
        PackagedService service = PackagedService.start(port, log);
        running.add(service);
        return service;
    }

    private static Events now(String type, long mailing, String recipient) {
        return event(type).mailing(mailing).recipient(recipient).created(System.currentTimeMillis());
    }

    private int shown(Events event) {
        return browser.all("#feed li[data-event-id='" + event.id() + "']").size();
    }

    @Test
    void thePageReconnectsAfterARestartAndShowsWhatWasStoredMeanwhileExactlyOnce() throws Exception {
        long mailing = System.currentTimeMillis() % 1_000_000_000L * 1000 + 3;
        int port = PackagedArtifact.freePort();
        PackagedService service = start(port, "first");

        Events before = now("sent", mailing, "before@restart.example.com");
        service.deliver(batch(before));
        browser = Browser.start(true);
        browser.open(service.url("/"));
        browser.awaitState("live", LOAD);
        Events live = now("open", mailing, "before@restart.example.com");
        service.deliver(batch(live));
        await().atMost(LOAD).until(() -> shown(live) == 1);
        String lastCursorShown = browser.one("#feed li").getAttribute("data-cursor");

        service.kill();
        browser.awaitState("reconnecting", LOAD);

        PackagedService replica = start(PackagedArtifact.freePort(), "replica");
        List<Events> meanwhile = List.of(now("click", mailing, "a@restart.example.com").with("link", "https://example.com/a"),
                now("bounce", mailing, "b@restart.example.com").with("category", "softbounce").with("reason", "full"),
                now("unsubscribe", mailing, "c@restart.example.com"));
        replica.deliver(batch(meanwhile));
        assertEquals("reconnecting", browser.connectionState(), "the page's own instance is still down");

        PackagedService restarted = start(port, "restarted");
        browser.awaitState("resumed", LOAD);
        await().atMost(LOAD).until(() -> meanwhile.stream().allMatch(e -> shown(e) >= 1));
        // statistics changed while the page was away are read again on the resume
        await().atMost(LOAD).untilAsserted(() -> {
            assertEquals("1", stat(mailing, "clicks"));
            assertEquals("1", stat(mailing, "bounces"));
            assertEquals("1", stat(mailing, "unsubscribes"));
        });
        Events after = now("open", mailing, "c@restart.example.com");
        restarted.deliver(batch(after));
        await().atMost(LOAD).until(() -> shown(after) >= 1);
        await().atMost(LOAD).untilAsserted(() -> assertEquals("2", stat(mailing, "opens")));

        for (Events event : List.of(before, live, meanwhile.get(0), meanwhile.get(1), meanwhile.get(2), after)) {
            assertEquals(1, shown(event), "event " + event.id() + " shown once");
        }
        assertEquals("1", stat(mailing, "sent"));

        List<JsonNode> feedSubscriptions = feedSubscriptionsSent();
        assertEquals(2, feedSubscriptions.size(), "one subscription at load, one on the resume: " + feedSubscriptions);
        assertEquals(lastCursorShown, feedSubscriptions.get(1).path("variables").path("after").asText(),
                "resubscribed after the last event shown");
        assertEquals(List.of(), browser.consoleErrors().stream()
                .filter(message -> !message.contains("WebSocket connection to")).toList(),
                "the browser console shows errors (other than the failed reconnection attempts while the service is down)");
    }

    private String stat(long mailing, String field) {
        List<org.openqa.selenium.WebElement> cells = browser.all(
                "#mailing-table tr[data-mailing-id='" + mailing + "'] td[data-field='" + field + "']");
        return cells.isEmpty() ? null : cells.get(0).getText();
    }

    /** The `events` subscriptions the page sent (subscribe messages of graphql-transport-ws), in order. */
    private List<JsonNode> feedSubscriptionsSent() throws Exception {
        List<JsonNode> subscriptions = new ArrayList<>();
        for (String entry : browser.networkLog()) {
            JsonNode message = JSON.readTree(entry).path("message");
            if (!"Network.webSocketFrameSent".equals(message.path("method").asText())) {
                continue;
            }
            JsonNode frame = JSON.readTree(message.path("params").path("response").path("payloadData").asText());
            JsonNode payload = frame.path("payload");
            if ("subscribe".equals(frame.path("type").asText()) && payload.path("query").asText().contains("subscription Feed")) {
                subscriptions.add(payload);
            }
        }
        assertFalse(subscriptions.isEmpty(), "no subscription frame recorded");
        assertNotNull(subscriptions.get(0));
        return subscriptions;
    }
}
