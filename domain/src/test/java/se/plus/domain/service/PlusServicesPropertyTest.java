package se.plus.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static se.plus.domain.Fixtures.STOCKHOLM;

import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import se.plus.domain.Fixtures;
import se.plus.domain.Generators;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.DialStringRenderer;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.dialstring.QueryQueue;
import se.plus.domain.dialstring.QueueLogIn;
import se.plus.domain.dialstring.QueueLogOut;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.User;

class PlusServicesPropertyTest {

    private final PlusServices services = new PlusServices();

    @Provide
    Arbitrary<ServiceCommand> commands() {
        return Generators.commands();
    }

    @Provide
    Arbitrary<User> users() {
        return Arbitraries.of(Fixtures.anna(), Fixtures.bosse(), Fixtures.anna().withCallWaiting(false),
                Fixtures.anna().withMobileFollowsFixed(true));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(1_764_547_200L, 4_102_444_800L).map(Instant::ofEpochSecond);
    }

    /**
     * Every command on every state ends in Done or Refused without throwing; a Done without events leaves
     * the state as it was; a call command is refused (no phone here).
     */
    @Property
    void everyCommandEndsInAnOutcomeAndOnlyEventsChangeState(@ForAll("commands") ServiceCommand command,
                                                             @ForAll("users") User user,
                                                             @ForAll("instants") Instant now,
                                                             @ForAll boolean queueExists) {
        Optional<Queue> queue = queueFor(command).filter(q -> queueExists);
        Outcome outcome = services.execute(command, user, queue, now, STOCKHOLM);
        if (outcome instanceof Outcome.Done) {
            Outcome.Done done = (Outcome.Done) outcome;
            assertFalse(command.requiresCall());
            if (done.events().isEmpty()) {
                assertEquals(user, done.userAfter());
                done.queueAfter().ifPresent(q -> assertEquals(queue.orElseThrow(), q));
            }
            assertFalse(done.message().sv().isEmpty() || done.message().en().isEmpty());
        } else if (command.requiresCall()) {
            assertEquals(OutcomeCode.NOT_ALLOWED, ((Outcome.Refused) outcome).code());
        }
    }

    /** The same code from a mobile and from a terminal is the same command, so it has the same outcome. */
    @Property(tries = 300)
    void bothDialectsAgree(@ForAll("commands") ServiceCommand command, @ForAll("users") User user) {
        Instant now = Fixtures.NOW;
        Optional<Queue> queue = queueFor(command);
        Outcome fromMobile = execute(DialStringRenderer.render(command, Dialect.MOBILE), Dialect.MOBILE, command, user, queue, now);
        Outcome fromTerminal = execute(DialStringRenderer.render(command, Dialect.TERMINAL), Dialect.TERMINAL, command, user, queue, now);
        assertEquals(fromMobile, fromTerminal);
    }

    private Outcome execute(String digits, Dialect dialect, ServiceCommand original, User user, Optional<Queue> queue,
                            Instant now) {
        ParseResult r = DialStringParser.parse(digits, dialect, original.context());
        return services.execute(((ParseResult.Parsed) r).command(), user, queue, now, STOCKHOLM);
    }

    private static Optional<Queue> queueFor(ServiceCommand command) {
        int number;
        if (command instanceof QueueLogIn) {
            number = ((QueueLogIn) command).queue();
        } else if (command instanceof QueueLogOut) {
            number = ((QueueLogOut) command).queue();
        } else if (command instanceof QueryQueue) {
            number = ((QueryQueue) command).queue();
        } else {
            return Optional.empty();
        }
        Queue support = Fixtures.support();
        return Optional.of(new Queue(number, support.name(), support.members(), support.loggedIn(), support.strategy()));
    }
}
