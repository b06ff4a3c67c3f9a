package io.campaignpulse.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class GraphQLAccessStartupCheckTest {

    private static GraphQLAccessConfig config(String mode, String readToken) {
        return new GraphQLAccessConfig(Optional.ofNullable(mode), Optional.ofNullable(readToken), Optional.of("admin"), "*", "*",
                "optimizely_clients", Optional.empty());
    }

    private static GraphQLAccessStartupCheck.Findings judge(String mode, String readToken) {
        return GraphQLAccessStartupCheck.judge(config(mode, readToken), false, false, false);
    }

    @Test
    void anUnsetModeIsRefusedWithOrWithoutAReadToken() {
        assertEquals(1, judge(null, null).refusals().size());
        assertTrue(judge(null, null).refusals().get(0).contains("pulse.graphql.auth is not set"));
        assertTrue(judge(null, null).refusals().get(0).contains("open"));
        assertEquals(1, judge(null, "read").refusals().size());
        assertEquals(1, judge("  ", "read").refusals().size(), "blank counts as unset");
    }

    @Test
    void openReadsAreAllowedOnlyExplicitlyAndWithAWarning() {
        GraphQLAccessStartupCheck.Findings none = judge("none", null);
        assertEquals(List.of(), none.refusals());
        assertEquals(List.of(GraphQLAccessStartupCheck.OPEN_WARNING), none.warnings());
        assertEquals(1, judge("NONE", null).warnings().size(), "the mode's case does not matter");
    }

    @Test
    void tokenModeNeedsTheReadToken() {
        assertEquals(List.of("pulse.graphql.auth=token needs pulse.graphql.read-token"), judge("token", null).refusals());
        assertEquals(List.of("pulse.graphql.auth=token needs pulse.graphql.read-token"), judge("token", " ").refusals());
        assertEquals(List.of(), judge("token", "read").refusals());
        assertEquals(List.of(), judge("token", "read").warnings());
    }

    @Test
    void jwtModeNeedsKeyIssuerAndAudience() {
        GraphQLAccessConfig jwt = config("jwt", null);
        assertEquals(3, GraphQLAccessStartupCheck.judge(jwt, false, false, false).refusals().size());
        assertTrue(GraphQLAccessStartupCheck.judge(jwt, false, true, true).refusals().get(0).contains("mp.jwt.verify.publickey"));
        assertTrue(GraphQLAccessStartupCheck.judge(jwt, true, false, true).refusals().get(0).contains("mp.jwt.verify.issuer"));
        assertTrue(GraphQLAccessStartupCheck.judge(jwt, true, true, false).refusals().get(0).contains("mp.jwt.verify.audiences"));
        assertEquals(List.of(), GraphQLAccessStartupCheck.judge(jwt, true, true, true).refusals());
    }

    @Test
    void anUnknownModeStopsTheStart() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> config("oauth", null));
        assertTrue(refused.getMessage().contains("jwt, token or none"));
    }
}
