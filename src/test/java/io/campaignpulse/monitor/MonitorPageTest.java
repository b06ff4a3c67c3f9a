package io.campaignpulse.monitor;

import static io.campaignpulse.support.Events.batch;
import static io.campaignpulse.support.Events.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.campaignpulse.support.Api;
import io.campaignpulse.support.Events;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The live monitor at / in a real headless Chromium, against the running service and its database:
 * deliveries go in through the ingest endpoint and must show up on the page, live.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorPageTest {

    private static final AtomicLong MAILINGS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000 + 7);
    private static final Duration LOAD = Duration.ofSeconds(30);
    /** What the issue asks of the page: a stored delivery is on screen within 2 s of its answer. */
    private static final Duration LIVE = Duration.ofSeconds(2);

    private static Browser browser;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start(false);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static long newMailing() {
        return MAILINGS.addAndGet(10);
    }

    /** Events "created" now, so that their mailing is the most recently active one. */
    private static Events now(String type, long mailing, String recipient) {
        return event(type).mailing(mailing).recipient(recipient).list(10180860004L).created(System.currentTimeMillis());
    }

    private void openLive() {
        // At least one stored event, so the page's subscription starts from a cursor (see feed.js).
        Api.deliver(batch(now("sent", newMailing(), "warm-up@monitor.example.com")));
        browser.open(page.toString());
        browser.awaitState("live", LOAD);
    }

    private static List<WebElement> feedRows(String eventId) {
        return browser.all("#feed li[data-event-id='" + eventId + "']");
    }

    private static String stat(long mailing, String field) {
        List<WebElement> cells = browser.all("#mailing-table tr[data-mailing-id='" + mailing + "'] td[data-field='" + field + "']");
        return cells.isEmpty() ? null : cells.get(0).getText();
    }

    @Test
    @Order(1)
    void loadsWithoutConsoleErrorsAndShowsADeliveryInTheFeedAndTheStatisticsWithinTwoSeconds() {
        openLive(); // what loading logs is checked at the end, with the rest

        long mailing = newMailing();
        Events sent = now("sent", mailing, "ana@monitor.example.com");
        Events open = now("open", mailing, "ana@monitor.example.com");
        Events click = now("click", mailing, "ana@monitor.example.com").with("link", "https://shop.example.com/sale");
        Events bounce = now("bounce", mailing, "bo@monitor.example.com")
                .with("category", "hardbounce").with("reason", "mailbox unknown").with("thresholdExceeded", true);
        Api.deliver(batch(sent, open, click, bounce));

        await().atMost(LIVE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (Events e : List.of(sent, open, click, bounce)) {
                assertEquals(1, feedRows(e.id()).size(), "event " + e.id() + " shown once");
            }
            assertEquals("1", stat(mailing, "sent"));
            assertEquals("1", stat(mailing, "opens"));
            assertEquals("1", stat(mailing, "clicks"));
            assertEquals("1", stat(mailing, "bounces"));
            assertEquals("100.0 %", stat(mailing, "openRate"));
        });
        String bounceRow = feedRows(bounce.id()).get(0).getText();
        assertTrue(bounceRow.contains("hardbounce: mailbox unknown") && bounceRow.contains("threshold exceeded"), bounceRow);
        assertTrue(bounceRow.contains("bo@monitor.example.com") && bounceRow.contains(String.valueOf(mailing)), bounceRow);
        assertEquals("https://shop.example.com/sale",
                feedRows(click.id()).get(0).findElement(By.tagName("a")).getAttribute("href"));
        // newest activity first (other test classes' mailings share the database, some with later events)
        await().atMost(LOAD).untilAsserted(() -> {
            List<WebElement> rows = browser.all("#mailing-table tbody tr");
            List<Instant> activity = rows.stream()
                    .map(row -> row.findElement(By.tagName("time")).getAttribute("datetime"))
                    .map(at -> at.isEmpty() ? Instant.EPOCH : Instant.parse(at)).toList();
            assertEquals(activity.stream().sorted(Comparator.reverseOrder()).toList(), activity, "newest activity first");
            assertTrue(rows.stream().anyMatch(row -> String.valueOf(mailing).equals(row.getAttribute("data-mailing-id"))),
                    "the mailing has its row");
        });
        assertEquals(List.of(), browser.consoleErrors(), "the browser console shows errors");
        assertTrue(browser.all("#webhooks-card:not([hidden])").isEmpty(), "no webhook status without an admin token");
    }

    @Test
    @Order(2)
    void filtersTheFeedByTypeAndMailing() {
        openLive();
        long first = newMailing();
        long second = newMailing();
        Events bounce = now("bounce", first, "f1@monitor.example.com").with("category", "softbounce").with("reason", "full");
        Events open = now("open", first, "f2@monitor.example.com");
        Events otherOpen = now("open", second, "f3@monitor.example.com");
        Api.deliver(batch(bounce, open, otherOpen));
        await().atMost(LOAD).until(() -> feedRows(otherOpen.id()).size() == 1 && feedRows(bounce.id()).size() == 1);

        new Select(browser.one("#filter-type")).selectByValue("BOUNCE");
        assertTrue(feedRows(bounce.id()).get(0).isDisplayed());
        assertTrue(!feedRows(open.id()).get(0).isDisplayed() && !feedRows(otherOpen.id()).get(0).isDisplayed());
        assertTrue(visibleRows().stream().allMatch(row -> "BOUNCE".equals(row.getAttribute("data-type"))));

        new Select(browser.one("#filter-type")).selectByValue("");
        await().atMost(LOAD).until(() -> !browser.all("#filter-mailing option[value='" + second + "']").isEmpty());
        new Select(browser.one("#filter-mailing")).selectByValue(String.valueOf(second));
        List<WebElement> visible = visibleRows();
        assertEquals(List.of(otherOpen.id()), visible.stream().map(row -> row.getAttribute("data-event-id")).toList());

        new Select(browser.one("#filter-mailing")).selectByValue("");
        assertTrue(feedRows(open.id()).get(0).isDisplayed());
    }

    private static List<WebElement> visibleRows() {
        return browser.all("#feed li").stream().filter(WebElement::isDisplayed).toList();
    }

    @Test
    @Order(3)
    void looksUpARecipientsStatusPerListWithTheEventsThatLedThere() {
        openLive();
        long mailing = newMailing();
        String recipient = "lookup-" + mailing + "@monitor.example.com";
        Events open = now("open", mailing, recipient).list(501L);
        Events unsubscribe = now("unsubscribe", mailing, recipient).list(501L);
        Events otherList = now("sent", mailing, recipient).list(502L);
        Api.deliver(batch(open, unsubscribe, otherList));

        WebElement input = browser.one("#recipient-id");
        input.sendKeys(recipient, Keys.ENTER); // the form works from the keyboard
        await().atMost(LOAD).until(() -> !browser.all("#recipient-result .recipient").isEmpty());

        WebElement result = browser.one("#recipient-result .recipient");
        assertEquals(recipient, result.getAttribute("data-recipient-id"));
        // still ACTIVE overall: unsubscribed from list 501 only, list 502 is active
        assertEquals("ACTIVE", result.getAttribute("data-status"));
        assertEquals("unsubscribed", result.findElement(By.cssSelector("tr[data-list='501'] td[data-field='status']")).getText());
        assertEquals("active", result.findElement(By.cssSelector("tr[data-list='502'] td[data-field='status']")).getText());
        List<String> shown = result.findElements(By.cssSelector(".recipient-events li")).stream()
                .map(li -> li.getAttribute("data-event-id")).toList();
        assertTrue(shown.containsAll(List.of(open.id(), unsubscribe.id(), otherList.id())), shown.toString());

        input.clear();
        input.sendKeys("nobody-" + mailing + "@monitor.example.com", Keys.ENTER);
        await().atMost(LOAD).until(() -> browser.one("#recipient-result").getText().contains("No event of"));
    }

    @Test
    @Order(4)
    void chartsEventsPerMinuteByType() {
        openLive();
        int before = legendCount("CLICK");
        long mailing = newMailing();
        Api.deliver(batch(now("click", mailing, "c1@monitor.example.com"), now("click", mailing, "c2@monitor.example.com"),
                now("click", mailing, "c3@monitor.example.com")));

        await().atMost(LOAD).untilAsserted(() -> assertEquals(before + 3, legendCount("CLICK")));
        int inBars = browser.all("#chart rect[data-type='CLICK']").stream()
                .mapToInt(bar -> Integer.parseInt(bar.getAttribute("data-count"))).sum();
        assertEquals(before + 3, inBars, "the bars add up to the legend");
        String label = browser.one("#chart svg").getAttribute("aria-label");
        assertTrue(label.startsWith("Events per minute over the last hour"), label);
    }

    private static int legendCount(String type) {
        List<WebElement> item = browser.all("#chart .legend li[data-type='" + type + "']");
        return item.isEmpty() ? 0 : Integer.parseInt(item.get(0).getAttribute("data-count"));
    }

    @Test
    @Order(5)
    void isUsableWithLabelsAndOnAPhoneSizedScreen() throws Exception {
        openLive();
        Object unlabelled = browser.driver.executeScript(
                "return [...document.querySelectorAll('input, select')].filter(e => !e.labels.length).map(e => e.id)");
        assertEquals(List.of(), unlabelled, "form fields without a label");
        org.openqa.selenium.Dimension laptop = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0L, overflow, "the page scrolls sideways on a phone");
        } finally {
            browser.driver.manage().window().setSize(laptop);
        }
    }

    /** The screenshot in the README (docs/monitor.png), of this very page with a few deliveries in. */
    @Test
    @Order(6)
    void screenshotForTheReadme() throws Exception {
        openLive();
        long newsletter = newMailing();
        long sale = newMailing();
        Api.deliver(batch(
                now("sent", newsletter, "ana.lopez@example.com"), now("sent", newsletter, "john.smith@example.com"),
                now("sent", newsletter, "mia.chen@example.com"), now("open", newsletter, "ana.lopez@example.com"),
                now("click", newsletter, "ana.lopez@example.com").with("link", "https://shop.example.com/spring"),
                now("bounce", newsletter, "john.smith@example.com").with("category", "hardbounce").with("reason", "unknown user"),
                now("sent", sale, "ana.lopez@example.com"), now("open", sale, "ana.lopez@example.com")));
        Api.deliver(batch(now("unsubscribe", newsletter, "mia.chen@example.com")));
        await().atMost(LOAD).until(() -> browser.all("#feed li").size() >= 9);
        browser.one("#recipient-id").sendKeys("mia.chen@example.com", Keys.ENTER);
        await().atMost(LOAD).until(() -> !browser.all("#recipient-result .recipient").isEmpty());
        browser.driver.executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
        browser.screenshot(Path.of("docs/monitor.png"), 1280, 1500);
        assertEquals(List.of(), browser.consoleErrors(), "the browser console shows errors");
    }
}
