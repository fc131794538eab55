package se.plus.domain.user;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.PhoneNumber;

/**
 * The company's numbers nobody may forward calls to: the company pays for a forwarded call's second
 * leg, so premium-rate numbers are barred by default (in Sweden 0900, 0939, 0944), and calls abroad may
 * be barred too. Checked when a forwarding is switched on and again when a call is diverted (a profile's
 * target, or a policy changed since).
 *
 * @param barredPrefixes  E.164 prefixes, e.g. {@code +46900}
 * @param abroadAllowed   false: only numbers of the company's country ({@code homePrefix})
 * @param homePrefix      the company's country calling code with its plus, e.g. {@code +46}
 */
public record ForwardTargetPolicy(List<String> barredPrefixes, boolean abroadAllowed, String homePrefix) {

    public static final List<String> SWEDISH_PREMIUM_RATE = List.of("+46900", "+46939", "+46944");

    /** Nothing barred: for tests and for a policy that is not configured. */
    public static final ForwardTargetPolicy NONE = new ForwardTargetPolicy(List.of(), true, "+46");

    public ForwardTargetPolicy {
        barredPrefixes = List.copyOf(barredPrefixes);
        Objects.requireNonNull(homePrefix, "homePrefix");
    }

    /** Why forwarding to {@code target} is not allowed, or empty when it is. Extensions always are. */
    public Optional<String> refusal(PhoneNumber target) {
        if (target.isExtension()) {
            return Optional.empty();
        }
        for (String prefix : barredPrefixes) {
            if (target.value().startsWith(prefix)) {
                return Optional.of("the company does not allow forwarding to " + prefix + "… numbers (premium rate): "
                        + target);
            }
        }
        if (!abroadAllowed && !target.value().startsWith(homePrefix)) {
            return Optional.of("the company does not allow forwarding abroad: " + target);
        }
        return Optional.empty();
    }
}
