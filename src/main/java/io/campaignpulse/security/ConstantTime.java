package io.campaignpulse.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Secret comparison whose duration reveals neither the secret nor its length. */
public final class ConstantTime {

    private ConstantTime() {
    }

    public static boolean equals(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        // Comparing digests makes the comparison independent of where, and whether, lengths differ.
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
