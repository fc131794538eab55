package se.plus.domain.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.PhoneNumber;

/** A user's three forwardings, each on (with a target) or off. */
public record Forwardings(Optional<PhoneNumber> unconditional, Optional<PhoneNumber> noAnswer,
                          Optional<PhoneNumber> busy) {

    public static final Forwardings NONE = new Forwardings(Optional.empty(), Optional.empty(), Optional.empty());

    public Forwardings {
        Objects.requireNonNull(unconditional, "unconditional");
        Objects.requireNonNull(noAnswer, "noAnswer");
        Objects.requireNonNull(busy, "busy");
    }

    public Optional<PhoneNumber> target(ForwardingKind kind) {
        switch (kind) {
            case UNCONDITIONAL:
                return unconditional;
            case NO_ANSWER:
                return noAnswer;
            case BUSY:
                return busy;
            default:
                throw new IllegalArgumentException(String.valueOf(kind));
        }
    }

    public Optional<Forwarding> get(ForwardingKind kind) {
        return target(kind).map(t -> new Forwarding(kind, t));
    }

    public Forwardings with(ForwardingKind kind, Optional<PhoneNumber> target) {
        Objects.requireNonNull(target, "target");
        switch (kind) {
            case UNCONDITIONAL:
                return new Forwardings(target, noAnswer, busy);
            case NO_ANSWER:
                return new Forwardings(unconditional, target, busy);
            case BUSY:
                return new Forwardings(unconditional, noAnswer, target);
            default:
                throw new IllegalArgumentException(String.valueOf(kind));
        }
    }

    /** The forwardings that are on, in the order of {@link ForwardingKind}. */
    public List<Forwarding> active() {
        List<Forwarding> on = new ArrayList<>(3);
        for (ForwardingKind kind : ForwardingKind.values()) {
            get(kind).ifPresent(on::add);
        }
        return List.copyOf(on);
    }
}
