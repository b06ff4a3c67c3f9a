package io.campaignpulse.event;

import java.util.Locale;
import java.util.Map;

/**
 * The event types of Optimizely Campaign webhooks, plus {@link #OTHER} for any type the provider adds
 * later: such events are kept whole, never refused.
 */
public enum EventType {
    SENT("sent"),
    OPEN("open"),
    CLICK("click"),
    BOUNCE("bounce"),
    UNSUBSCRIBE("unsubscribe"),
    SPAM_COMPLAINT("spamcomplaint"),
    SINGLE_OPT_IN("singleoptin"),
    DOUBLE_OPT_IN("doubleoptin"),
    CONFIRMED_OPT_IN("confirmedoptin"),
    BLOCKLIST("blocklist"),
    ARCHIVE("archive"),
    FILTERED_BY_BLOCKLIST("filteredbyblocklist"),
    OTHER(null);

    private static final Map<String, EventType> BY_PROVIDER_WORD = Map.ofEntries(
            Map.entry("sent", SENT),
            Map.entry("open", OPEN),
            Map.entry("click", CLICK),
            Map.entry("bounce", BOUNCE),
            Map.entry("unsubscribe", UNSUBSCRIBE),
            Map.entry("spamcomplaint", SPAM_COMPLAINT),
            Map.entry("singleoptin", SINGLE_OPT_IN),
            Map.entry("doubleoptin", DOUBLE_OPT_IN),
            Map.entry("confirmedoptin", CONFIRMED_OPT_IN),
            Map.entry("blocklist", BLOCKLIST),
            Map.entry("archive", ARCHIVE),
            // the provider's responses also use the past tense for the same type
            Map.entry("archived", ARCHIVE),
            Map.entry("filteredbyblocklist", FILTERED_BY_BLOCKLIST));

    private final String providerWord;

    EventType(String providerWord) {
        this.providerWord = providerWord;
    }

    /** The word the provider uses for this type on webhooks, or null for {@link #OTHER}. */
    public String providerWord() {
        return providerWord;
    }

    /**
     * Maps the provider's word to a type, tolerating case and separators ("spamComplaint",
     * "spam_complaint"); anything unknown is {@link #OTHER}.
     */
    public static EventType fromProvider(String word) {
        if (word == null) {
            return OTHER;
        }
        String normalized = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return BY_PROVIDER_WORD.getOrDefault(normalized, OTHER);
    }
}
