package se.plus.domain.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;

/**
 * A rule that may refuse switching a forwarding on (plus-services.md, "Call forwarding"). The rules are
 * named and listed in {@link #ALL}; {@link User#forward} applies them in that order.
 */
@FunctionalInterface
public interface ForwardingPolicy {

    /** The longest chain of diversions the PBX follows; the same limit cuts loops at routing time. */
    int MAX_HOPS = 5;

    Optional<Refusal> check(User user, ForwardingKind kind, PhoneNumber target, Colleagues colleagues, Instant now);

    /**
     * Forwarding to one's own extension or fixed number sends every call back to oneself. The mobile
     * number counts as oneself only when calls to it are handled as calls to the fixed number; otherwise
     * "forward my desk to my mobile" is the everyday use of forwarding.
     */
    ForwardingPolicy cannotForwardToSelf = (user, kind, target, colleagues, now) -> {
        boolean self = user.extension().asPhoneNumber().equals(target)
                || user.fixedNumber().filter(target::equals).isPresent()
                || (user.mobileFollowsFixed() && user.mobileNumber().filter(target::equals).isPresent())
                || colleagues.findByNumber(target).filter(u -> u.extension().equals(user.extension())).isPresent();
        return self
                ? Optional.of(new Refusal(OutcomeCode.NOT_ALLOWED, "cannot forward to one's own number " + target))
                : Optional.empty();
    };

    /** A short number that is no extension of the PBX is unknown (when the directory is complete). */
    ForwardingPolicy targetExtensionMustExist = (user, kind, target, colleagues, now) ->
            target.isExtension() && colleagues.knowsEveryExtension() && colleagues.findByNumber(target).isEmpty()
                    ? Optional.of(new Refusal(OutcomeCode.UNKNOWN_NUMBER, "no extension " + target))
                    : Optional.empty();

    /**
     * A chain that comes back to the user is a loop "where it can be seen": the target's unconditional
     * forwarding, or its active forwarding profile, followed up to {@link #MAX_HOPS} hops.
     */
    ForwardingPolicy cannotForwardIntoALoop = (user, kind, target, colleagues, now) -> {
        PhoneNumber next = target;
        for (int hop = 1; hop <= MAX_HOPS; hop++) {
            Optional<User> colleague = colleagues.findByNumber(next);
            if (colleague.isEmpty()) {
                return Optional.empty();
            }
            if (colleague.get().extension().equals(user.extension())) {
                return Optional.of(new Refusal(OutcomeCode.NOT_ALLOWED,
                        "forwarding to " + target + " loops back to " + user.extension()));
            }
            Optional<PhoneNumber> onward = colleague.get().divertsEveryCallTo(now);
            if (onward.isEmpty()) {
                return Optional.empty();
            }
            next = onward.get();
        }
        // A chain longer than the hop limit is not a loop; routing cuts it.
        return Optional.empty();
    };

    /** The company bars some targets (premium rate by default, abroad optionally). */
    ForwardingPolicy targetAllowedByCompany = (user, kind, target, colleagues, now) ->
            colleagues.forwardTargets().refusal(target).map(why -> new Refusal(OutcomeCode.NOT_ALLOWED, why));

    List<ForwardingPolicy> ALL = List.of(cannotForwardToSelf, targetExtensionMustExist, targetAllowedByCompany,
            cannotForwardIntoALoop);
}
