package se.plus.domain.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/**
 * A caller left a message of {@code seconds} in {@code extension}'s built-in voicemail; {@code from} is
 * empty when the caller's number was withheld or unknown.
 */
public record VoicemailLeft(Extension extension, Instant at, String id, Optional<PhoneNumber> from, int seconds)
        implements DomainEvent {

    public VoicemailLeft {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
    }

    @Override
    public String type() {
        return "VOICEMAIL_LEFT";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.voicemailLeft(this);
    }
}
