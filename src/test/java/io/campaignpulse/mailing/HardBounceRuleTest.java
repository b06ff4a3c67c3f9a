package io.campaignpulse.mailing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.campaignpulse.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The one SQL definition of a hard bounce (migration V6), which the statistics and the recipient status
 * both use: a category starting with "hard", in any case; no category is soft.
 */
@QuarkusTest
class HardBounceRuleTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "hardbounce, true",
            "HARD_BOUNCE, true",
            "Hard, true",
            "softbounce, false",
            "'', false",
            "other, false",
            "NULL, false" })
    void hardIsWhatStartsWithHard(String category, boolean hard) {
        long count = Db.count("select count(*) from (select 1 where pulse_is_hard_bounce(cast(? as text))) as rule", category);
        assertEquals(hard ? 1 : 0, count, "pulse_is_hard_bounce(" + category + ")");
    }
}
