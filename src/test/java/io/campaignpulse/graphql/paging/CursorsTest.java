package io.campaignpulse.graphql.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.campaignpulse.mailing.MailingActivityKey;

/** Cursors without the service: what each list accepts, and what it refuses with INVALID_CURSOR. */
class CursorsTest {

    private static String base64(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(byte[] position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position);
    }

    @ParameterizedTest
    @ValueSource(longs = { 0, 1, 42, Long.MAX_VALUE })
    void anEventCursorGivesBackItsSeq(long seq) throws InvalidCursorException {
        assertEquals(seq, Cursors.eventSeq(Cursors.event(seq)));
    }

    @Test
    void noCursorIsTheStartOfEveryList() throws InvalidCursorException {
        assertNull(Cursors.eventSeq(null));
        assertNull(Cursors.mailingKey(null));
        assertNull(Cursors.recipientId(null));
    }

    @Test
    void aMailingCursorKeepsTheInstantToTheNanosecondAndTheId() throws InvalidCursorException {
        OffsetDateTime at = OffsetDateTime.of(2026, 3, 1, 12, 30, 5, 123_456_789, ZoneOffset.ofHours(2));
        MailingActivityKey key = Cursors.mailingKey(Cursors.mailing(new MailingActivityKey(at, 987_654_321L)));
        assertEquals(at.toInstant(), key.lastEventAt().toInstant());
        assertEquals(ZoneOffset.UTC, key.lastEventAt().getOffset());
        assertEquals(987_654_321L, key.mailingId());
    }

    @Test
    void aMailingCursorBeforeTheEpochRoundTrips() throws InvalidCursorException {
        OffsetDateTime at = OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000, ZoneOffset.UTC);
        assertEquals(at.toInstant(), Cursors.mailingKey(Cursors.mailing(new MailingActivityKey(at, 7))).lastEventAt().toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = { "r-1", "someone@example.com", "ä:ö/ü+=?", "\uD83D\uDE00 emoji", "" })
    void aRecipientCursorGivesBackTheIdUnchanged(String recipientId) throws InvalidCursorException {
        assertEquals(recipientId, Cursors.recipientId(Cursors.recipient(recipientId)));
    }

    @Test
    void cursorsAreOpaqueAndUrlSafe() {
        String cursor = Cursors.recipient("a/b+c?d");
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        assertFalse(cursor.contains("a/b"), cursor);
    }

    @Test
    void aCursorOfOneListIsRefusedByAnother() {
        String event = Cursors.event(5);
        String mailing = Cursors.mailing(new MailingActivityKey(OffsetDateTime.now(ZoneOffset.UTC), 5));
        String recipient = Cursors.recipient("5");
        assertThrows(InvalidCursorException.class, () -> Cursors.mailingKey(event));
        assertThrows(InvalidCursorException.class, () -> Cursors.recipientId(event));
        assertThrows(InvalidCursorException.class, () -> Cursors.eventSeq(mailing));
        assertThrows(InvalidCursorException.class, () -> Cursors.recipientId(mailing));
        assertThrows(InvalidCursorException.class, () -> Cursors.eventSeq(recipient));
        assertThrows(InvalidCursorException.class, () -> Cursors.mailingKey(recipient));
    }

    @ParameterizedTest
    @ValueSource(strings = { "e:", "e:abc", "e:1.5", "e:99999999999999999999", "e: 1", "E:1", "x:1", "" })
    void aTamperedEventCursorIsRefused(String position) {
        assertThrows(InvalidCursorException.class, () -> Cursors.eventSeq(base64(position)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "m:", "m:123", "m:1.2", "m:1:2", "m:1:2.3", "m:a.b:c", "m:1.2:", "m:1.2:x",
            "m:99999999999999999999.0:1", "m:99999999999999999.0:1" })
    void aTamperedMailingCursorIsRefused(String position) {
        assertThrows(InvalidCursorException.class, () -> Cursors.mailingKey(base64(position)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not base64!", "====", "e:1", "%65%3A1", "ZTox==", "ZTo/MQ" })
    void textThatIsNotBase64UrlIsRefused(String cursor) {
        assertThrows(InvalidCursorException.class, () -> Cursors.eventSeq(cursor));
    }

    @Test
    void aCursorHidingANulOrAnEncodedSurrogateIsRefused() {
        // the database could not hold either: refused here, never sent to it
        assertThrows(InvalidCursorException.class, () -> Cursors.recipientId(base64("r:a\0b")));
        byte[] loneSurrogateAsCesu = { 'r', ':', (byte) 0xED, (byte) 0xA0, (byte) 0x80 };
        assertThrows(InvalidCursorException.class, () -> Cursors.recipientId(base64(loneSurrogateAsCesu)));
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "r:caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(InvalidCursorException.class, () -> Cursors.recipientId(base64(latin1)));
    }

    @Test
    void theRefusalEchoesTheCursorAndSaysWhatToPass() {
        InvalidCursorException refused = assertThrows(InvalidCursorException.class, () -> Cursors.eventSeq("bogus"));
        assertTrue(refused.getMessage().startsWith("'bogus' is not a cursor of this list"), refused.getMessage());
        assertTrue(refused.getMessage().contains("`pageInfo.endCursor`"), refused.getMessage());
    }

    @Test
    void theRefusalNeverEchoesANulOrALoneSurrogate() {
        for (String cursor : new String[] { "ab\0cd", "ab\uD800cd" }) {
            InvalidCursorException refused = assertThrows(InvalidCursorException.class, () -> Cursors.eventSeq(cursor));
            assertTrue(refused.getMessage().contains("(a text with a NUL or a lone surrogate)"), refused.getMessage());
            assertFalse(refused.getMessage().contains(cursor), refused.getMessage());
        }
    }

    @Test
    void aLongCursorIsAbbreviatedInTheRefusal() {
        String cursor = "x".repeat(500);
        InvalidCursorException refused = assertThrows(InvalidCursorException.class, () -> Cursors.eventSeq(cursor));
        assertTrue(refused.getMessage().startsWith("'" + "x".repeat(60) + "…'"), refused.getMessage());
        assertNotEquals(-1, refused.getMessage().indexOf("is not a cursor"));
    }
}
