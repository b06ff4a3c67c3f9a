package io.campaignpulse.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.campaignpulse.security.ConstantTime;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The credential the provider sends with every delivery, as configured in the webhook's
 * {@code authentication} (keyAuth: one header; basicAuth: HTTP Basic). Checked in constant time.
 * A misconfiguration stops the service at start-up rather than letting every delivery through.
 */
@Startup
@ApplicationScoped
public class DeliveryCredential {

    private static final Logger LOG = Logger.getLogger(DeliveryCredential.class);

    private final IngestConfig config;

    public DeliveryCredential(IngestConfig config) {
        this.config = config;
    }

    @PostConstruct
    void validate() {
        switch (config.auth()) {
            case HEADER -> {
                if (config.headerValue().filter(v -> !v.isBlank()).isEmpty()) {
                    throw new IllegalStateException("pulse.ingest.auth=header needs pulse.ingest.header-value "
                            + "(env PULSE_INGEST_HEADER_VALUE), the value the provider sends in header "
                            + config.headerName() + "; set pulse.ingest.auth=none only to accept deliveries without a credential");
                }
            }
            case BASIC -> {
                if (config.basicUsername().isEmpty() || config.basicPassword().filter(p -> !p.isBlank()).isEmpty()) {
                    throw new IllegalStateException("pulse.ingest.auth=basic needs pulse.ingest.basic-username and pulse.ingest.basic-password");
                }
            }
            case NONE -> LOG.warn("pulse.ingest.auth=none: deliveries are accepted without any credential");
        }
    }

    /** Whether a request carrying these headers may deliver events. */
    public boolean accepts(Function<String, String> header) {
        return switch (config.auth()) {
            case NONE -> true;
            case HEADER -> ConstantTime.equals(header.apply(config.headerName()), config.headerValue().orElseThrow());
            case BASIC -> acceptsBasic(header.apply("Authorization"));
        };
    }

    private boolean acceptsBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        // Both halves are always compared, so the time taken does not tell which one was wrong.
        boolean user = ConstantTime.equals(decoded.substring(0, colon), config.basicUsername().orElseThrow());
        boolean password = ConstantTime.equals(decoded.substring(colon + 1), config.basicPassword().orElseThrow());
        return user & password;
    }
}
