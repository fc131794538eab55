package se.plus.domain.queue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.plus.domain.event.QueueLogin;
import se.plus.domain.event.QueueLogout;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Decision;
import se.plus.domain.outcome.Refusal;

/**
 * An answer group (svarsgrupp / kö): a number, a name, the extensions that are members, and which of them
 * are logged in and so take its calls.
 *
 * <p>Lifecycle: an admin creates the queue with its members ({@link #create}); members log in
 * ({@link #logIn}, {@code *75*<q>}) and out ({@link #logOut}, {@code #75*<q>}); only members may, and
 * doing it twice changes nothing. An admin changes the members; a member removed is logged out with it.
 * Immutable: verbs return a new queue inside a {@link Decision}.
 */
public record Queue(int number, String name, Set<Extension> members, Set<Extension> loggedIn,
                    QueueStrategy strategy) {

    /** Queue numbers are what {@code *75*<q>} can carry. */
    public static final int MAX_NUMBER = 999_999;

    public Queue {
        if (number < 1 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("queue numbers are 1–" + MAX_NUMBER + ": " + number);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        members = Set.copyOf(members);
        loggedIn = Set.copyOf(loggedIn);
        if (!members.containsAll(loggedIn)) {
            throw new IllegalArgumentException("only members can be logged in to queue " + number);
        }
    }

    /** A new queue; nobody is logged in yet. */
    public static Queue create(int number, String name, Set<Extension> members) {
        return new Queue(number, name, members, Set.of(), QueueStrategy.RING_ALL);
    }

    public boolean isMember(Extension extension) {
        return members.contains(extension);
    }

    public boolean isLoggedIn(Extension extension) {
        return loggedIn.contains(extension);
    }

    /** {@code *75*<q>}: only members; logging in twice is accepted and changes nothing. */
    public Decision<Queue> logIn(Extension who, Instant now) {
        Optional<Refusal> refusal = firstRefusal(QueuePolicy.LOG_IN, who);
        if (refusal.isPresent()) {
            return Decision.rejected(refusal.get());
        }
        if (isLoggedIn(who)) {
            return Decision.unchanged(this);
        }
        HashSet<Extension> after = new HashSet<>(loggedIn);
        after.add(who);
        return Decision.accepted(withLoggedIn(after), List.of(new QueueLogin(who, now, number)));
    }

    /** {@code #75*<q>}: only members; logging out when logged out is accepted and changes nothing. */
    public Decision<Queue> logOut(Extension who, Instant now) {
        Optional<Refusal> refusal = firstRefusal(QueuePolicy.LOG_OUT, who);
        if (refusal.isPresent()) {
            return Decision.rejected(refusal.get());
        }
        if (!isLoggedIn(who)) {
            return Decision.unchanged(this);
        }
        HashSet<Extension> after = new HashSet<>(loggedIn);
        after.remove(who);
        return Decision.accepted(withLoggedIn(after), List.of(new QueueLogout(who, now, number)));
    }

    /** {@code *#75*<q>#}: whether {@code who} is logged in; only members have a login state to ask about. */
    public Decision<Queue> loginState(Extension who) {
        Optional<Refusal> refusal = firstRefusal(QueuePolicy.STATUS, who);
        return refusal.isPresent() ? Decision.rejected(refusal.get()) : Decision.unchanged(this);
    }

    private Optional<Refusal> firstRefusal(List<QueuePolicy> policies, Extension who) {
        for (QueuePolicy policy : policies) {
            Optional<Refusal> refusal = policy.check(this, who);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private Queue withLoggedIn(Set<Extension> newLoggedIn) {
        return new Queue(number, name, members, newLoggedIn, strategy);
    }

    public Queue withName(String newName) {
        return new Queue(number, newName, members, loggedIn, strategy);
    }

    public Queue withStrategy(QueueStrategy newStrategy) {
        return new Queue(number, name, members, loggedIn, newStrategy);
    }

    /** New members; whoever is no longer a member is logged out as well. */
    public Queue withMembers(Set<Extension> newMembers) {
        HashSet<Extension> stillLoggedIn = new HashSet<>(loggedIn);
        stillLoggedIn.retainAll(newMembers);
        return new Queue(number, name, newMembers, stillLoggedIn, strategy);
    }
}
