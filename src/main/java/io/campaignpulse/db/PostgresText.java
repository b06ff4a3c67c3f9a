package io.campaignpulse.db;

/**
 * What PostgreSQL text (and jsonb) cannot hold: the NUL character U+0000, and a lone UTF-16 surrogate,
 * which is not a character and has no UTF-8 form (the driver would silently send '?' instead). Ingest
 * dead-letters an element holding one; the GraphQL API refuses such an argument as the caller's mistake.
 */
public final class PostgresText {

    private PostgresText() {
    }

    /** The index of the first char PostgreSQL cannot hold (check {@code text.charAt(i) == 0} for which kind), or -1. */
    public static int firstUnstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
