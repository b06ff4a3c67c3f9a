package io.campaignpulse.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts WireMock with {@link FakeOptimizely} behind every path and points the REST client at it. Error
 * answers for single tests are added as stubs of higher priority; {@link Handle#reset()} removes them.
 * Tests get the {@link Handle} through a field annotated {@link InjectOptimizely}.
 */
public class OptimizelyStub implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_TOKEN = "admin-t0ken-SECRET";
    public static final String PUBLIC_URL = "https://pulse.example.com/webhooks/optimizely";
    public static final String FORMER_URL = "https://old-pulse.example.com/webhooks/optimizely";
    /** From the test profile in application.properties: what the ingest endpoint checks. */
    public static final String INGEST_HEADER_VALUE = "Bearer test-secret";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectOptimizely {
    }

    private WireMockServer server;
    private FakeOptimizely fake;
    private boolean failListAtStart;

    @Override
    public void init(Map<String, String> initArgs) {
        failListAtStart = Boolean.parseBoolean(initArgs.getOrDefault("fail-list-at-start", "false"));
    }

    @Override
    public Map<String, String> start() {
        fake = new FakeOptimizely();
        server = new WireMockServer(options().dynamicPort().extensions(fake));
        server.start();
        Handle handle = new Handle(server, fake);
        handle.reset();
        if (failListAtStart) {
            // slow and failing, so the test is listening to the log before the start-up sync gives up
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching("/rest/\\d+/webhooks"))
                    .atPriority(1).willReturn(aResponse().withStatus(503).withFixedDelay(1500)
                            .withHeader("Content-Type", "text/plain").withBody("maintenance")));
        }
        return Map.ofEntries(
                Map.entry("quarkus.rest-client.optimizely.url", server.baseUrl() + "/rest"),
                Map.entry("quarkus.rest-client.optimizely.read-timeout", "10000"),
                Map.entry("pulse.optimizely.client-id", String.valueOf(FakeOptimizely.CLIENT_ID)),
                Map.entry("pulse.optimizely.api-user", FakeOptimizely.API_USER),
                Map.entry("pulse.optimizely.api-password", FakeOptimizely.API_PASSWORD),
                Map.entry("pulse.optimizely.page-size", "5"),
                Map.entry("pulse.optimizely.retry.initial-back-off", "PT0.01S"),
                Map.entry("pulse.optimizely.retry.max-back-off", "PT0.05S"),
                Map.entry("pulse.admin.token", ADMIN_TOKEN),
                Map.entry("pulse.webhooks.public-url", PUBLIC_URL),
                Map.entry("pulse.webhooks.former-urls", FORMER_URL),
                Map.entry("pulse.webhooks.sync-on-start", String.valueOf(failListAtStart)));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new Handle(server, fake),
                new TestInjector.AnnotatedAndMatchesType(InjectOptimizely.class, Handle.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The running stub: its state, its request journal, and extra stubs for error answers. */
    public record Handle(WireMockServer server, FakeOptimizely fake) {

        public void reset() {
            server.resetAll();
            fake.clear();
            server.stubFor(any(urlPathMatching("/rest/.*")).atPriority(10)
                    .willReturn(aResponse().withTransformers(FakeOptimizely.NAME)));
        }

        public List<ServeEvent> calls() {
            // the journal lists the newest first
            List<ServeEvent> calls = new ArrayList<>(server.getAllServeEvents());
            Collections.reverse(calls);
            return calls;
        }

        /** Calls that may change something at the provider: everything but GET. */
        public List<ServeEvent> changingCalls() {
            return calls().stream().filter(e -> !"GET".equals(e.getRequest().getMethod().getName())).toList();
        }

        /** Fails when any call broke the OpenAPI contract or lacked the API credentials. */
        public void assertContractKept() {
            for (ServeEvent call : calls()) {
                int status = call.getResponse().getStatus();
                if (status == 418 || !FakeOptimizely.basicAuthorization().equals(call.getRequest().getHeader("Authorization"))) {
                    throw new AssertionError("call broke the provider contract: " + call.getRequest().getMethod() + " "
                            + call.getRequest().getUrl() + " -> " + status + " " + call.getResponse().getBodyAsString());
                }
            }
        }
    }
}
