package io.campaignpulse.graphql;

import io.campaignpulse.db.PostgresText;

/**
 * Checks a text argument before it reaches the database. PostgreSQL cannot hold a NUL character in
 * text at all (the query would fail as ours), and a lone UTF-16 surrogate has no UTF-8 form (the
 * driver would send '?', silently asking for something else): neither can match anything stored,
 * so both are the caller's mistake.
 */
public final class TextArguments {

    private TextArguments() {
    }

    public static String check(String name, String value) throws BadUserInputException {
        String problem = problem(value);
        if (problem != null) {
            throw new BadUserInputException("`" + name + "` " + problem + ".");
        }
        return value;
    }

    /** What makes the text unusable, or null if it is fine. */
    public static String problem(String value) {
        if (value == null) {
            return null;
        }
        int at = PostgresText.firstUnstorable(value);
        if (at < 0) {
            return null;
        }
        return value.charAt(at) == '\0'
                ? "must not contain a NUL character (at position " + at + ")"
                : "must not contain a lone UTF-16 surrogate (at position " + at + ")";
    }
}
