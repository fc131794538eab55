package se.plus.application.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.in.ReadServicesUseCase.Services;
import se.plus.application.port.out.AuditRecord;
import se.plus.application.port.out.AuditTrail;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.port.out.Queues;
import se.plus.application.port.out.ServiceEvents;
import se.plus.application.port.out.Users;
import se.plus.domain.dialstring.QueryQueue;
import se.plus.domain.dialstring.QueueLogIn;
import se.plus.domain.dialstring.QueueLogOut;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Decision;
import se.plus.domain.outcome.Message;
import se.plus.domain.event.DomainEvent;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.queue.Queue;
import se.plus.domain.service.PlusServices;
import se.plus.domain.user.Colleagues;
import se.plus.domain.user.User;

/**
 * Applies one plus-service command to a user, whichever entry point it came through: load, let the
 * domain decide, and when something changed store it with its audit record and its events in the
 * same transaction. A refusal stores nothing.
 */
@ApplicationScoped
public class ServiceExecution {

    private static final Message CHANGED = new Message("Ändringen är gjord", "The change is made");

    private final Users users;
    private final Queues queues;
    private final AuditTrail audit;
    private final ServiceEvents events;
    private final CompanySettings company;
    private final Clock clock;
    private final UnitOfWork unitOfWork;

    @Inject
    public ServiceExecution(Users users, Queues queues, AuditTrail audit, ServiceEvents events,
                            CompanySettings company, Clock clock, UnitOfWork unitOfWork) {
        this.users = users;
        this.queues = queues;
        this.audit = audit;
        this.events = events;
        this.company = company;
        this.clock = clock;
        this.unitOfWork = unitOfWork;
    }

    /** For CDI's proxy only. */
    protected ServiceExecution() {
        this(null, null, null, null, null, null, null);
    }

    public Outcome execute(Extension extension, ServiceCommand command, Actor actor) {
        return execute(extension, command, actor, Function.identity());
    }

    /** {@link #execute}, with {@code then} applied to the outcome in the same transaction. */
    public <T> T execute(Extension extension, ServiceCommand command, Actor actor, Function<Outcome, T> then) {
        return apply(extension, actor, command.service() + " " + command.action(), queueNumber(command),
                (user, queue, now) -> new PlusServices(colleagues()).execute(command, user, queue, now, company.zone()), then);
    }

    /**
     * A change of the user's service state by an explicit operation (REST, JMS) rather than a code:
     * {@code verb} is the domain's rule for it; the storing is the same as for a code.
     */
    public Outcome change(Extension extension, Actor actor, String service, String action,
                          BiFunction<User, Instant, Decision<User>> verb) {
        return apply(extension, actor, service + " " + action, Optional.empty(), (user, queue, now) -> {
            Decision<User> decision = verb.apply(user, now);
            if (decision instanceof Decision.Rejected<User> rejected) {
                return rejected.refusal().toOutcome();
            }
            Decision.Accepted<User> accepted = (Decision.Accepted<User>) decision;
            return new Outcome.Done(service, action, accepted.after(), Optional.empty(), accepted.events(), CHANGED);
        }, Function.identity());
    }

    /**
     * The user's services as a done outcome left them: the user from the outcome, their queues read in
     * the current transaction (after the change was written). Empty for a refusal.
     */
    public Optional<Services> servicesAfter(Outcome outcome, Extension extension) {
        if (outcome instanceof Outcome.Done done) {
            return Optional.of(new Services(done.userAfter(), queues.withMember(extension), clock.instant()));
        }
        return Optional.empty();
    }

    /**
     * Events of something that happened to a call (picked up, transferred): no user's state changed,
     * so they go to the outbox in a transaction of their own.
     */
    public void publish(List<DomainEvent> happened, Actor actor) {
        if (happened.isEmpty()) {
            return;
        }
        unitOfWork.inTransaction(() -> {
            happened.forEach(event -> events.publish(event, actor.via()));
            return null;
        });
    }

    /** The user must exist whatever the code; an unknown extension is not a refusal of the code. */
    public void requireUser(Extension extension) {
        if (unitOfWork.inTransaction(() -> users.find(extension)).isEmpty()) {
            throw new NoSuchUserException(extension);
        }
    }

    /** What the domain decides about one user (and the queue the command names), at {@code now}. */
    private interface Rule {
        Outcome decide(User user, Optional<Queue> queue, Instant now);
    }

    /**
     * The one way a change is stored, whatever asked for it: the user's row locked for the transaction,
     * the rule applied, and, when the user or the queue came out different, each one that did saved with
     * its audit record, and the outcome's events put in the outbox. Nothing else counts as a change.
     */
    private <T> T apply(Extension extension, Actor actor, String action, Optional<Integer> queueNumber, Rule rule,
                        Function<Outcome, T> then) {
        return UnitOfWork.retryingOnConflict(unitOfWork, () -> {
            Instant now = clock.instant();
            User user = users.findForChange(extension).orElseThrow(() -> new NoSuchUserException(extension));
            Optional<Queue> queue = queueNumber.flatMap(queues::find);
            Outcome outcome = rule.decide(user, queue, now);
            if (outcome instanceof Outcome.Done done) {
                store(actor, now, action, user, queue, done);
            }
            return then.apply(outcome);
        });
    }

    private void store(Actor actor, Instant now, String action, User before, Optional<Queue> queueBefore,
                       Outcome.Done done) {
        boolean userChanged = !done.userAfter().equals(before);
        boolean queueChanged = done.queueAfter().isPresent() && !done.queueAfter().equals(queueBefore);
        if (userChanged) {
            users.save(done.userAfter());
            audit.record(new AuditRecord(now, actor.name(), actor.via(), Optional.of(before.extension().digits()),
                    action, StateSummary.of(before), StateSummary.of(done.userAfter())));
        }
        if (queueChanged) {
            Queue after = done.queueAfter().get();
            queues.save(after);
            audit.record(new AuditRecord(now, actor.name(), actor.via(), Optional.of(before.extension().digits()),
                    action, queueBefore.map(StateSummary::of).orElse("-"), StateSummary.of(after)));
        }
        if (userChanged || queueChanged) {
            done.events().forEach(event -> events.publish(event, actor.via()));
        }
    }

    /** The other users, as the rules may look them up (loops, unknown extensions). */
    public Colleagues colleagues() {
        return new Colleagues() {
            @Override
            public Optional<User> findByNumber(se.plus.domain.number.PhoneNumber number) {
                return users.findByNumber(number);
            }

            @Override
            public boolean knowsEveryExtension() {
                return true;
            }

            @Override
            public se.plus.domain.user.ForwardTargetPolicy forwardTargets() {
                return company.forwardTargets();
            }
        };
    }

    private static Optional<Integer> queueNumber(ServiceCommand command) {
        if (command instanceof QueueLogIn) {
            return Optional.of(((QueueLogIn) command).queue());
        }
        if (command instanceof QueueLogOut) {
            return Optional.of(((QueueLogOut) command).queue());
        }
        if (command instanceof QueryQueue) {
            return Optional.of(((QueryQueue) command).queue());
        }
        return Optional.empty();
    }
}
