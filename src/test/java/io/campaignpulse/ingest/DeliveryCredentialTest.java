package io.campaignpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.campaignpulse.ingest.IngestConfig.AuthMode;
import io.campaignpulse.support.FixedIngestConfig;

/** The service refuses to start with a credential setting that would let anyone deliver. */
class DeliveryCredentialTest {

    @Test
    void headerModeWithoutAValueStopsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DeliveryCredential(config(AuthMode.HEADER, null, null, null)).validate());
        assertTrue(e.getMessage().contains("PULSE_INGEST_HEADER_VALUE"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new DeliveryCredential(config(AuthMode.HEADER, " ", null, null)).validate());
    }

    @Test
    void basicModeNeedsUserAndPassword() {
        assertThrows(IllegalStateException.class, () -> new DeliveryCredential(config(AuthMode.BASIC, null, "u", null)).validate());
        assertThrows(IllegalStateException.class, () -> new DeliveryCredential(config(AuthMode.BASIC, null, null, "p")).validate());
        assertDoesNotThrow(() -> new DeliveryCredential(config(AuthMode.BASIC, null, "u", "p")).validate());
    }

    @Test
    void noneModeAcceptsAnythingOnlyWhenChosen() {
        DeliveryCredential none = new DeliveryCredential(config(AuthMode.NONE, null, null, null));
        assertDoesNotThrow(none::validate);
        assertTrue(none.accepts(header -> null));
        DeliveryCredential header = new DeliveryCredential(config(AuthMode.HEADER, "Bearer x", null, null));
        assertFalse(header.accepts(name -> null));
        assertTrue(header.accepts(name -> "Authorization".equals(name) ? "Bearer x" : null));
    }

    private static IngestConfig config(AuthMode mode, String headerValue, String user, String password) {
        return new FixedIngestConfig(mode, "Authorization", Optional.ofNullable(headerValue), Optional.ofNullable(user),
                Optional.ofNullable(password), 1024, 10);
    }
}
