package io.campaignpulse.ingest;

import static io.campaignpulse.ingest.IngestEndpointTest.event;
import static io.campaignpulse.support.Ingest.deliver;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.campaignpulse.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * What the up-front checks ({@link StorageLimits}) let through but the database refuses is still
 * dead-lettered: here the index-size check is switched off, so an id over the B-tree limit reaches
 * PostgreSQL, which refuses it (SQLSTATE 54000); the failing element is found by trying the delivery's
 * events in halves, and only it is dead-lettered.
 */
@QuarkusTest
@TestProfile(RefusedByTheDatabaseTest.NoIndexCheck.class)
class RefusedByTheDatabaseTest {

    public static class NoIndexCheck implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pulse.ingest.max-indexed-text-bytes", "1000000");
        }
    }

    /** Random letters and digits: PostgreSQL cannot compress them under the limit. */
    private static String incompressible(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @Test
    void theElementsTheDatabaseRefusesAreFoundAndDeadLetteredAndTheRestIsStored() {
        long deadBefore = Db.count("select count(*) from dead_letter");
        StringBuilder body = new StringBuilder("[");
        String[] good = new String[9];
        for (int i = 0; i < good.length; i++) {
            good[i] = UUID.randomUUID().toString();
            body.append(event(good[i], "open")).append(",");
            if (i == 2 || i == 7) {
                body.append("{\"type\":\"open\",\"id\":\"").append(incompressible(6000)).append("\"},");
            }
        }
        body.setLength(body.length() - 1);
        body.append("]");

        deliver(body.toString()).statusCode(200).body("received", equalTo(11)).body("stored", equalTo(9))
                .body("rejected", equalTo(2));
        deliver(body.toString()).statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(9))
                .body("rejected", equalTo(2));

        for (String id : good) {
            assertEquals(1, Db.count("select count(*) from event where event_id = ?", id));
        }
        assertEquals(deadBefore + 4, Db.count("select count(*) from dead_letter"));
        Map<String, Object> dead = Db.single("select reason, element_index from dead_letter order by id desc limit 1");
        assertTrue(((String) dead.get("reason")).contains("SQLSTATE 54000"), (String) dead.get("reason"));
        assertEquals(9, dead.get("element_index"));
    }
}
