package se.plus.domain.call;

import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.User;

/**
 * Who places a call, as the callee's phone and the trunk are told: the user of the PBX (when it is
 * one), the number shown, the name shown, and whether the number is withheld (RFC 3323).
 */
public record CallParty(Optional<Extension> user, Optional<PhoneNumber> number, String displayName, boolean hidden) {

    public CallParty {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** A user of ours, as colleagues see them: name and extension; {@code hidden} for {@code *31*}. */
    public static CallParty colleague(User user, boolean hidden) {
        return new CallParty(Optional.of(user.extension()), Optional.of(user.extension().asPhoneNumber()), user.name(),
                hidden);
    }

    /** A caller from outside (through the trunk), known only by the number it sent, if any. */
    public static CallParty external(Optional<PhoneNumber> number, boolean hidden) {
        return new CallParty(Optional.empty(), number, "", hidden);
    }
}
