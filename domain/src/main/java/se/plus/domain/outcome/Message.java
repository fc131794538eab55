package se.plus.domain.outcome;

import java.util.Objects;

/** What the user is told, in Swedish (the product's language) and English. */
public record Message(String sv, String en) {

    public Message {
        Objects.requireNonNull(sv, "sv");
        Objects.requireNonNull(en, "en");
    }
}
