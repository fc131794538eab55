package se.plus.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.domain.Fixtures.ANNA;
import static se.plus.domain.Fixtures.NOW;
import static se.plus.domain.Fixtures.STOCKHOLM;
import static se.plus.domain.Fixtures.anna;
import static se.plus.domain.Fixtures.support;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import se.plus.domain.dialstring.DialContext;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.ForwardingKind;
import se.plus.domain.user.User;

class PlusServicesTest {

    private final PlusServices services = new PlusServices();

    private static ServiceCommand terminal(String digits) {
        ParseResult r = DialStringParser.parse(digits, Dialect.TERMINAL, DialContext.DIALLED);
        return assertInstanceOf(ParseResult.Parsed.class, r, r::toString).command();
    }

    private Outcome dial(String digits, User user, Optional<Queue> queue) {
        return services.execute(terminal(digits), user, queue, NOW, STOCKHOLM);
    }

    @Test
    @DisplayName("*21*0701234567# turns unconditional forwarding on, with a FORWARDING_CHANGED event")
    void forwardingOn() {
        Outcome.Done done = assertInstanceOf(Outcome.Done.class, dial("*21*0701234599#", anna(), Optional.empty()));
        assertEquals("FORWARDING_UNCONDITIONAL", done.service());
        assertEquals("ACTIVATE", done.action());
        assertEquals("+46701234599", done.userAfter().forwardings().unconditional().orElseThrow().value());
        assertEquals("FORWARDING_CHANGED", done.events().get(0).type());
    }

    @Test
    @DisplayName("non-member logging into a queue hears \"Tjänsten är inte aktiv\" and nothing changes")
    void nonMemberLoggingIntoAQueueHearsTjanstenArInteAktiv() {
        User cecilia = User.create(Extension.of("1003"), "Cecilia");
        Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class,
                dial("*75*5#", cecilia, Optional.of(support())));
        assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, refused.code());
        assertEquals("Tjänsten är inte aktiv", refused.message().sv());
        assertEquals("The service is not active", refused.message().en());
    }

    @Test
    @DisplayName("a member logs in to a queue with *75*5#")
    void memberLogsIn() {
        Outcome.Done done = assertInstanceOf(Outcome.Done.class, dial("*75*5#", anna(), Optional.of(support())));
        assertTrue(done.queueAfter().orElseThrow().isLoggedIn(ANNA));
        assertEquals("QUEUE_LOGIN", done.events().get(0).type());
    }

    @Test
    @DisplayName("#24# makes the user Available")
    void deactivateProfile() {
        User atLunch = ((Outcome.Done) dial("*24*2#", anna(), Optional.empty())).userAfter();
        Outcome.Done done = assertInstanceOf(Outcome.Done.class, dial("#24#", atLunch, Optional.empty()));
        assertEquals(1, done.userAfter().activeProfile().profileNumber());
        assertTrue(done.userAfter().activeProfile().isUntilFurtherNotice());
    }

    @Test
    @DisplayName("forwarding to one's own fixed number is not allowed")
    void cannotForwardToSelf() {
        Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class,
                dial("*21*086001001#", anna(), Optional.empty()));
        assertEquals(OutcomeCode.NOT_ALLOWED, refused.code());
        assertEquals(Optional.empty(), anna().forwarding(ForwardingKind.UNCONDITIONAL));
    }
}
