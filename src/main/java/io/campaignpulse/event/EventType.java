package io.campaignpulse.event;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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

    /** Every type the provider has a word for, in declaration order: the one list of the twelve types. */
    private static final List<String> PROVIDER_WORDS = Arrays.stream(values())
            .map(EventType::providerWord)
            .filter(Objects::nonNull)
            .toList();

    private static final Map<String, EventType> BY_PROVIDER_WORD = byProviderWord();

    private final String providerWord;

    EventType(String providerWord) {
        this.providerWord = providerWord;
    }

    /** The word the provider uses for this type on webhooks, or null for {@link #OTHER}. */
    public String providerWord() {
        return providerWord;
    }

    /** The provider's words for all known types ({@link #OTHER} has none): what a webhook can be created for. */
    public static List<String> providerWords() {
        return PROVIDER_WORDS;
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

    private static Map<String, EventType> byProviderWord() {
        Map<String, EventType> byWord = new HashMap<>();
        for (EventType type : values()) {
            if (type.providerWord != null) {
                byWord.put(type.providerWord, type);
            }
        }
        // the provider's responses also use the past tense for the same type
        byWord.put("archived", ARCHIVE);
        return Map.copyOf(byWord);
    }
}
