package io.campaignpulse.graphql.retention;

import java.time.Duration;

/** ISO-8601 durations as people write them: P90D rather than java.time's PT2160H. */
final class Durations {

    private Durations() {
    }

    static String iso(Duration duration) {
        if (!duration.isZero() && duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0) {
            return "P" + duration.toDays() + "D";
        }
        return duration.toString();
    }
}
