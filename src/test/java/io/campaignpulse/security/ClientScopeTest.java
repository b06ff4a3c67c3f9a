package io.campaignpulse.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.json.Json;

/** How the identity's client attribute becomes what a caller sees: deny by default, `*` for all. */
class ClientScopeTest {

    @Test
    void noIdentityOrNoAttributeSeesNothing() {
        assertTrue(ClientScope.of(null).seesNothing());
        ClientScope anonymous = ClientScope.of(QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        assertTrue(anonymous.seesNothing());
        assertFalse(anonymous.allows(4711L));
        assertFalse(anonymous.allows((Long) null));
        assertEquals(Set.of(), anonymous.visibleClientsOrNull());
    }

    @Test
    void theStarSeesEveryClientAndDataOfNone() {
        ClientScope all = ClientScope.of(QuarkusSecurityIdentity.builder().setPrincipal(() -> "op")
                .addAttribute(ClientScope.ATTRIBUTE, Set.of("12", "*")).build());
        assertTrue(all.allowsAll());
        assertTrue(all.allows(99L));
        assertTrue(all.allows((Long) null));
        assertNull(all.visibleClientsOrNull(), "no filter at all");
    }

    @Test
    void namedClientsOnly() {
        ClientScope two = ClientScope.fromAttribute(Set.of("12", " 34 "));
        assertFalse(two.allowsAll());
        assertTrue(two.allows(12L));
        assertTrue(two.allows("34"));
        assertFalse(two.allows(56L));
        assertFalse(two.allows((Long) null), "data of no client is only for those who see all");
        assertEquals(Set.of(12L, 34L), two.visibleClientsOrNull());
    }

    @Test
    void claimValuesAsTheyComeFromJson() {
        // a JSON array of strings and numbers, or a single value
        ClientScope json = ClientScope.fromAttribute(Json.createArrayBuilder().add("12").add(34).build());
        assertEquals(Set.of(12L, 34L), json.visibleClientsOrNull());
        assertArrayEquals(new Long[] { 56L }, ClientScope.fromAttribute("56").numericClientIds());
        assertEquals(Set.of(78L), ClientScope.fromAttribute(List.of(78L)).visibleClientsOrNull());
        assertTrue(ClientScope.fromAttribute(Json.createArrayBuilder().add("*").build()).allowsAll());
    }

    @Test
    void idsThatAreNoNumberMatchNoData() {
        ClientScope named = ClientScope.fromAttribute(Set.of("acme"));
        assertTrue(named.seesNothing());
        assertTrue(named.allows("acme"));
        assertTrue(ClientScope.fromAttribute(List.of()).seesNothing());
        assertTrue(ClientScope.fromAttribute(List.of(" ")).seesNothing());
    }
}
