package io.campaignpulse.monitor;

import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import io.campaignpulse.provider.OptimizelyStub;
import io.campaignpulse.provider.OptimizelyStub.Handle;
import io.campaignpulse.provider.OptimizelyStub.InjectOptimizely;
import io.campaignpulse.support.Api;
import io.campaignpulse.support.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Signing in on the monitor where reads need a token (pulse.graphql.read-token): refused without one
 * or with a wrong one, with a message saying so; live with the read token (also over the WebSocket, where
 * it travels in connection_init); the webhook status only with the admin token (the stubbed provider's).
 */
@QuarkusTest
@TestProfile(MonitorSignInTest.WithReadToken.class)
@WithTestResource(OptimizelyStub.class)
class MonitorSignInTest {

    public static class WithReadToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.graphql.auth", "token", "pulse.graphql.read-token", READ_TOKEN);
        }
    }

    static final String READ_TOKEN = "monitor-read-secret";
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final String KEY_AUTH = "{\"type\":\"keyAuth\",\"key\":\"Authorization\",\"passphrase\":\"Bearer test-secret\"}";

    @TestHTTPResource("/")
    URL page;

    @InjectOptimizely
    Handle stub;

    private Browser browser;

    @BeforeEach
    void open() {
        stub.reset();
        browser = Browser.start(false);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    private void signIn(String token) {
        WebElement field = browser.one("#token");
        field.clear();
        field.sendKeys(token, Keys.ENTER);
    }

    private String message() {
        return browser.one("#sign-in-message").getText();
    }

    @Test
    void withoutATokenOrWithAWrongOneThePageSaysItIsRefused() {
        browser.open(page.toString());
        browser.awaitState("refused", LOAD);
        assertTrue(message().contains("This service needs a token to read"), message());

        signIn("not-the-token");
        await().atMost(LOAD).until(() -> message().contains("The service refused this token"));
        assertEquals("refused", browser.connectionState());
        assertTrue(message().contains("not valid"), "the service's own reason is shown: " + message());
        assertTrue(browser.all("#feed li").isEmpty(), "nothing is shown to a refused reader");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void theReadTokenSignsInAndTheLiveFeedWorksWithIt() {
        browser.open(page.toString());
        browser.awaitState("refused", LOAD);
        signIn(READ_TOKEN);
        browser.awaitState("live", LOAD);
        assertTrue(message().contains("Signed in"), message());

        Events open = event("open").mailing(31_337L).recipient("signed-in@monitor.example.com").created(System.currentTimeMillis());
        Api.deliver(batch(open));
        await().atMost(LOAD).until(() -> browser.all("#feed li[data-event-id='" + open.id() + "']").size() == 1);
        assertTrue(browser.all("#webhooks-card:not([hidden])").isEmpty(), "webhook status is for admins only");

        browser.open(page.toString()); // a reload keeps the token (sessionStorage of this tab)
        browser.awaitState("live", LOAD);
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void theAdminTokenAlsoShowsWhichWebhooksAreWiredAtTheProvider() {
        stub.fake().seed("open", "activated", OptimizelyStub.PUBLIC_URL, KEY_AUTH);
        stub.fake().seed("click", "deactivated", OptimizelyStub.PUBLIC_URL, KEY_AUTH);
        browser.open(page.toString());
        browser.awaitState("refused", LOAD);
        signIn(OptimizelyStub.ADMIN_TOKEN);
        browser.awaitState("live", LOAD);

        await().atMost(LOAD).until(() -> !browser.all("#webhooks-card:not([hidden]) table").isEmpty());
        assertEquals("activated", browser.one("#webhooks-result tr[data-type='open']").getAttribute("data-status"));
        assertEquals("deactivated", browser.one("#webhooks-result tr[data-type='click']").getAttribute("data-status"));
        assertEquals("none", browser.one("#webhooks-result tr[data-type='bounce']").getAttribute("data-status"));
        assertTrue(browser.all("#webhooks-card button").stream().allMatch(b -> "webhooks-refresh".equals(b.getAttribute("id"))),
                "the webhook status offers no action that changes anything");
        assertEquals(List.of(), browser.consoleErrors());
    }
}
