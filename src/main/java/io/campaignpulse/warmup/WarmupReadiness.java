package io.campaignpulse.warmup;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/** Not ready until the warm-up has run (see {@link StartupWarmup}); liveness does not wait for it. */
@Readiness
@ApplicationScoped
public class WarmupReadiness implements HealthCheck {

    private final StartupWarmup warmup;

    public WarmupReadiness(StartupWarmup warmup) {
        this.warmup = warmup;
    }

    @Override
    public HealthCheckResponse call() {
        WarmupReport report = warmup.report();
        return HealthCheckResponse.named("warm-up")
                .status(report.state() != WarmupReport.State.PENDING)
                .withData("state", report.state().name())
                .withData("requests", report.requests())
                .withData("failed", report.failures().size())
                .withData("millis", report.millis())
                .build();
    }
}
