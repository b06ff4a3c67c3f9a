package io.campaignpulse.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {

    @Test
    void constantTimeComparisonIsExact() {
        assertTrue(ConstantTime.equals("Bearer s3cret", "Bearer s3cret"));
        assertFalse(ConstantTime.equals("Bearer s3cre", "Bearer s3cret"));
        assertFalse(ConstantTime.equals("Bearer s3cret2", "Bearer s3cret"));
        assertFalse(ConstantTime.equals(null, "Bearer s3cret"));
    }
}
