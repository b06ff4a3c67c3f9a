package io.campaignpulse.security;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Secure by default: the packaged service (prod launch mode) refuses to start while its GraphQL reads would be
 * open by omission or its signed-token settings are incomplete. Open reads are an explicit choice,
 * {@code pulse.graphql.auth=none}, and logged as a warning at every start. In dev and test mode the same
 * findings are warnings only.
 */
@ApplicationScoped
public class GraphQLAccessStartupCheck {

    private static final Logger LOG = Logger.getLogger(GraphQLAccessStartupCheck.class);

    static final String OPEN_WARNING = "pulse.graphql.auth=none: GraphQL reads (queries, subscriptions, introspection) "
            + "are open to anyone who reaches the service, for every Optimizely client";

    private final GraphQLAccessConfig access;
    private final Config config;

    public GraphQLAccessStartupCheck(GraphQLAccessConfig access, Config config) {
        this.access = access;
        this.config = config;
    }

    void check(@Observes StartupEvent start) {
        Findings findings = judge(access, has("mp.jwt.verify.publickey") || has("mp.jwt.verify.publickey.location"),
                has("mp.jwt.verify.issuer"), has("mp.jwt.verify.audiences"));
        findings.warnings().forEach(LOG::warn);
        if (findings.refusals().isEmpty()) {
            return;
        }
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("Refusing to start, GraphQL access is not configured safely: "
                    + String.join("; ", findings.refusals()));
        }
        findings.refusals().forEach(refusal -> LOG.warnf("%s (the packaged service refuses to start this way)", refusal));
    }

    private boolean has(String key) {
        return config.getOptionalValue(key, String.class).filter(value -> !value.isBlank()).isPresent();
    }

    /** What is wrong (refusals) or risky on purpose (warnings) with these settings. */
    static Findings judge(GraphQLAccessConfig access, boolean jwtKey, boolean jwtIssuer, boolean jwtAudience) {
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (access.configuredMode().isEmpty()) {
            refusals.add("pulse.graphql.auth is not set, which leaves reads " + (access.readToken().isPresent()
                    ? "guarded by the static read token only" : "open")
                    + ": set it to jwt or token, or to none to open reads on purpose");
            return new Findings(refusals, warnings);
        }
        switch (access.configuredMode().get()) {
            case NONE -> warnings.add(OPEN_WARNING);
            case TOKEN -> {
                if (access.readToken().isEmpty()) {
                    refusals.add("pulse.graphql.auth=token needs pulse.graphql.read-token");
                }
            }
            case JWT -> {
                if (!jwtKey) {
                    refusals.add("pulse.graphql.auth=jwt needs the identity provider's key: mp.jwt.verify.publickey.location "
                            + "(its JWKS URL, or a PEM/JWK file) or mp.jwt.verify.publickey");
                }
                if (!jwtIssuer) {
                    refusals.add("pulse.graphql.auth=jwt needs mp.jwt.verify.issuer (the issuer every token must name)");
                }
                if (!jwtAudience) {
                    refusals.add("pulse.graphql.auth=jwt needs mp.jwt.verify.audiences (the audience tokens for this service name)");
                }
            }
        }
        return new Findings(refusals, warnings);
    }

    record Findings(List<String> refusals, List<String> warnings) {
    }
}
