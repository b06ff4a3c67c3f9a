package io.campaignpulse.graphql.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import io.campaignpulse.graphql.TextArguments;
import io.campaignpulse.mailing.MailingActivityKey;

/**
 * Opaque cursors: base64url of a kind prefix and the keyset position. The prefix keeps a cursor of
 * one list from being accepted by another.
 */
public final class Cursors {

    private static final String EVENT = "e:";
    private static final String MAILING = "m:";
    private static final String RECIPIENT = "r:";

    private Cursors() {
    }

    public static String event(long seq) {
        return encode(EVENT + seq);
    }

    /** The seq an events cursor points at, or null for none. */
    public static Long eventSeq(String cursor) throws InvalidCursorException {
        if (cursor == null) {
            return null;
        }
        String position = decode(cursor, EVENT);
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw invalid(cursor);
        }
    }

    public static String mailing(MailingActivityKey key) {
        Instant at = key.lastEventAt().toInstant();
        return encode(MAILING + at.getEpochSecond() + "." + at.getNano() + ":" + key.mailingId());
    }

    public static MailingActivityKey mailingKey(String cursor) throws InvalidCursorException {
        if (cursor == null) {
            return null;
        }
        String position = decode(cursor, MAILING);
        try {
            int colon = position.indexOf(':');
            int dot = position.indexOf('.');
            if (colon < 0 || dot < 0 || dot > colon) {
                throw invalid(cursor);
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(position.substring(0, dot)),
                    Long.parseLong(position.substring(dot + 1, colon)));
            return new MailingActivityKey(at.atOffset(ZoneOffset.UTC), Long.parseLong(position.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw invalid(cursor);
        }
    }

    public static String recipient(String recipientId) {
        return encode(RECIPIENT + recipientId);
    }

    public static String recipientId(String cursor) throws InvalidCursorException {
        return cursor == null ? null : decode(cursor, RECIPIENT);
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor, String kind) throws InvalidCursorException {
        String position;
        try {
            position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
        if (!position.startsWith(kind) || TextArguments.problem(position) != null || position.indexOf('\uFFFD') >= 0) {
            throw invalid(cursor);
        }
        return position.substring(kind.length());
    }

    private static InvalidCursorException invalid(String cursor) {
        // the cursor is echoed: never with characters that would spoil the message
        String shown = TextArguments.problem(cursor) == null ? cursor : "(a text with a NUL or a lone surrogate)";
        return new InvalidCursorException("'" + abbreviate(shown)
                + "' is not a cursor of this list; pass the `cursor` or `pageInfo.endCursor` value of this list unchanged.");
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
