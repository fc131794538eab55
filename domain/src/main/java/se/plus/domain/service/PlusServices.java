package se.plus.domain.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import se.plus.domain.dialstring.ActivateForwarding;
import se.plus.domain.dialstring.ActivateProfile;
import se.plus.domain.dialstring.CallWaiting;
import se.plus.domain.dialstring.DeactivateForwarding;
import se.plus.domain.dialstring.DeactivateProfile;
import se.plus.domain.dialstring.QueryCallWaiting;
import se.plus.domain.dialstring.QueryForwarding;
import se.plus.domain.dialstring.QueryProfile;
import se.plus.domain.dialstring.QueryQueue;
import se.plus.domain.dialstring.QueueLogIn;
import se.plus.domain.dialstring.QueueLogOut;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.event.DomainEvent;
import se.plus.domain.outcome.Decision;
import se.plus.domain.outcome.Message;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.Colleagues;
import se.plus.domain.user.ForwardingKind;
import se.plus.domain.user.Profile;
import se.plus.domain.user.ProfileActivation;
import se.plus.domain.user.User;

/**
 * Applies a {@link ServiceCommand} to a user's state (and a queue's, for queue codes): the rules of
 * plus-services.md as a pure function. No I/O: the caller loads the user and the queue, passes the time,
 * and saves {@link Outcome.Done#userAfter()} and {@link Outcome.Done#queueAfter()} and publishes the
 * events. Codes that act on a call are refused with NOT_ALLOWED here; phones use
 * {@code se.plus.domain.call.CallServices}, which knows the call.
 */
public final class PlusServices {

    private final Colleagues colleagues;

    /** Without a directory of colleagues: loops through other users cannot be seen. */
    public PlusServices() {
        this(Colleagues.none());
    }

    public PlusServices(Colleagues colleagues) {
        this.colleagues = Objects.requireNonNull(colleagues, "colleagues");
    }

    /**
     * @param queue the queue a queue code names, loaded by its number; empty when there is no such queue
     *              (the user is then no member, so SERVICE_NOT_ACTIVE) or the code is not a queue code
     */
    public Outcome execute(ServiceCommand command, User user, Optional<Queue> queue, Instant now, ZoneId zone) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        Optional<Refusal> needsPhone = CallPolicy.callCommandsNeedAPhone(command);
        if (needsPhone.isPresent()) {
            return needsPhone.get().toOutcome();
        }
        if (command instanceof ActivateForwarding) {
            ActivateForwarding c = (ActivateForwarding) command;
            return done(command, user.forward(c.kind(), c.target(), colleagues, now),
                    u -> ServiceMessages.forwardingOn(c.kind(), c.target(), u.noAnswerDelaySeconds()));
        }
        if (command instanceof DeactivateForwarding) {
            ForwardingKind kind = ((DeactivateForwarding) command).kind();
            return done(command, user.cancelForwarding(kind, now), u -> ServiceMessages.forwardingOff(kind));
        }
        if (command instanceof QueryForwarding) {
            ForwardingKind kind = ((QueryForwarding) command).kind();
            return status(command, user, ServiceMessages.forwardingStatus(kind,
                    user.forwardings().target(kind), user.noAnswerDelaySeconds()));
        }
        if (command instanceof ActivateProfile) {
            ActivateProfile c = (ActivateProfile) command;
            return done(command, user.activateProfile(c.profileNumber(), c.time(), now, zone),
                    u -> profileMessage(u, now, zone));
        }
        if (command instanceof DeactivateProfile) {
            return done(command, user.activateAvailable(now), u -> profileMessage(u, now, zone));
        }
        if (command instanceof QueryProfile) {
            return status(command, user, profileMessage(user, now, zone));
        }
        if (command instanceof QueueLogIn) {
            return logIn(command, ((QueueLogIn) command).queue(), user, queue, now);
        }
        if (command instanceof QueueLogOut) {
            return logOut(command, ((QueueLogOut) command).queue(), user, queue, now);
        }
        if (command instanceof QueryQueue) {
            return queueStatus(command, ((QueryQueue) command).queue(), user, queue);
        }
        if (command instanceof CallWaiting) {
            boolean on = ((CallWaiting) command).on();
            return done(command, user.setCallWaiting(on, now), u -> ServiceMessages.callWaiting(on));
        }
        if (command instanceof QueryCallWaiting) {
            return status(command, user, ServiceMessages.callWaiting(user.callWaiting()));
        }
        throw new IllegalStateException("no rule applies " + command);
    }

    private static Message profileMessage(User user, Instant now, ZoneId zone) {
        ProfileActivation active = user.effectiveActivation(now);
        Profile profile = user.profiles().getOrAvailable(active.profileNumber());
        return ServiceMessages.profileActive(profile, active.until(), zone);
    }

    private Outcome logIn(ServiceCommand command, int number, User user, Optional<Queue> queue, Instant now) {
        Optional<Outcome> missing = queueMissing(number, user, queue);
        if (missing.isPresent()) {
            return missing.get();
        }
        Queue q = queue.get();
        boolean already = q.isLoggedIn(user.extension());
        return doneInQueue(command, user, q.logIn(user.extension(), now),
                after -> ServiceMessages.queueLoggedIn(after, already));
    }

    private Outcome logOut(ServiceCommand command, int number, User user, Optional<Queue> queue, Instant now) {
        Optional<Outcome> missing = queueMissing(number, user, queue);
        if (missing.isPresent()) {
            return missing.get();
        }
        Queue q = queue.get();
        boolean already = !q.isLoggedIn(user.extension());
        return doneInQueue(command, user, q.logOut(user.extension(), now),
                after -> ServiceMessages.queueLoggedOut(after, already));
    }

    private Outcome queueStatus(ServiceCommand command, int number, User user, Optional<Queue> queue) {
        Optional<Outcome> missing = queueMissing(number, user, queue);
        if (missing.isPresent()) {
            return missing.get();
        }
        return doneInQueue(command, user, queue.get().loginState(user.extension()),
                q -> ServiceMessages.queueStatus(q, q.isLoggedIn(user.extension())));
    }

    /** No such queue: the user is no member of it, so the FAQ's announcement applies. */
    private static Optional<Outcome> queueMissing(int number, User user, Optional<Queue> queue) {
        if (queue.isEmpty()) {
            return Optional.of(new Outcome.Refused(OutcomeCode.SERVICE_NOT_ACTIVE,
                    "there is no queue " + number + ", so " + user.extension() + " is no member of it"));
        }
        if (queue.get().number() != number) {
            throw new IllegalArgumentException("queue " + queue.get().number() + " given for a code on queue " + number);
        }
        return Optional.empty();
    }

    private static Outcome status(ServiceCommand command, User user, Message message) {
        return new Outcome.Done(command.service(), command.action(), user, Optional.empty(), List.of(), message);
    }

    private static Outcome done(ServiceCommand command, Decision<User> decision,
                                Function<User, Message> message) {
        if (decision instanceof Decision.Rejected) {
            return ((Decision.Rejected<User>) decision).refusal().toOutcome();
        }
        Decision.Accepted<User> accepted = (Decision.Accepted<User>) decision;
        User after = accepted.after();
        return new Outcome.Done(command.service(), command.action(), after, Optional.empty(), accepted.events(),
                message.apply(after));
    }

    private static Outcome doneInQueue(ServiceCommand command, User user, Decision<Queue> decision,
                                       Function<Queue, Message> message) {
        if (decision instanceof Decision.Rejected) {
            return ((Decision.Rejected<Queue>) decision).refusal().toOutcome();
        }
        Decision.Accepted<Queue> accepted = (Decision.Accepted<Queue>) decision;
        List<DomainEvent> events = accepted.events();
        return new Outcome.Done(command.service(), command.action(), user, Optional.of(accepted.after()), events,
                message.apply(accepted.after()));
    }
}
