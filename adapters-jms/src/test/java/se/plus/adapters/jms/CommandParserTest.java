package se.plus.adapters.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.plus.adapters.jms.JmsCommand.ActivateProfile;
import se.plus.adapters.jms.JmsCommand.CallWaiting;
import se.plus.adapters.jms.JmsCommand.CancelForwarding;
import se.plus.adapters.jms.JmsCommand.DeactivateProfile;
import se.plus.adapters.jms.JmsCommand.Dial;
import se.plus.adapters.jms.JmsCommand.Forward;
import se.plus.adapters.jms.JmsCommand.GetServices;
import se.plus.adapters.jms.JmsCommand.QueueLogIn;
import se.plus.adapters.jms.JmsCommand.QueueLogOut;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.ForwardingKind;

class CommandParserTest {

    private static final Extension ANNA = Extension.of("1001");

    @Test
    void aDialStringNamesExtensionDigitsAndDevice() {
        assertEquals(new Dial(ANNA, "*21*0701234567#", Dialect.TERMINAL),
                CommandParser.parse("{\"extension\":\"1001\",\"digits\":\"*21*0701234567#\",\"device\":\"TERMINAL\"}"));
    }

    @Test
    void eachExplicitCommandReadsItsOwnFields() {
        assertEquals(new Forward(ANNA, ForwardingKind.NO_ANSWER, PhoneNumber.of("0701234567"), Optional.of(30)),
                CommandParser.parse("{\"extension\":\"1001\",\"command\":\"FORWARD\",\"kind\":\"NO_ANSWER\","
                        + "\"target\":\"0701234567\",\"delaySeconds\":30}"));
        assertEquals(new CancelForwarding(ANNA, ForwardingKind.BUSY),
                CommandParser.parse("{\"extension\":\"1001\",\"command\":\"CANCEL_FORWARDING\",\"kind\":\"BUSY\"}"));
        assertEquals(new ActivateProfile(ANNA, 2, Optional.of(Instant.parse("2026-11-24T12:00:00Z"))),
                CommandParser.parse("{\"extension\":\"1001\",\"command\":\"ACTIVATE_PROFILE\",\"profile\":2,"
                        + "\"until\":\"2026-11-24T13:00:00+01:00\"}"));
        assertEquals(new ActivateProfile(ANNA, 3, Optional.empty()),
                CommandParser.parse("{\"extension\":\"1001\",\"command\":\"ACTIVATE_PROFILE\",\"profile\":3}"));
        assertEquals(new DeactivateProfile(ANNA),
                CommandParser.parse("{\"extension\":\"1001\",\"command\":\"DEACTIVATE_PROFILE\"}"));
        assertEquals(new QueueLogIn(ANNA, 5), CommandParser.parse("{\"extension\":\"1001\",\"command\":\"QUEUE_LOG_IN\",\"queue\":5}"));
        assertEquals(new QueueLogOut(ANNA, 5), CommandParser.parse("{\"extension\":\"1001\",\"command\":\"QUEUE_LOG_OUT\",\"queue\":5}"));
        assertEquals(new CallWaiting(ANNA, false), CommandParser.parse("{\"extension\":\"1001\",\"command\":\"CALL_WAITING\",\"on\":false}"));
        assertEquals(new GetServices(ANNA), CommandParser.parse("{\"extension\":\"1001\",\"command\":\"GET_SERVICES\"}"));
    }

    @ParameterizedTest(name = "[{index}] {0}.")
    @ValueSource(strings = {
            "",
            "   ",
            "not json",
            "{\"extension\":\"1001\",\"digits\":",
            "[1,2,3]",
            "\"a string\"",
            "{\"extension\":1001,\"digits\":\"*43#\",\"device\":\"TERMINAL\"}",
            "{\"extension\":\"1\",\"digits\":\"*43#\",\"device\":\"TERMINAL\"}",
            "{\"extension\":\"1001\",\"digits\":\"*43#\"}",
            "{\"extension\":\"1001\",\"digits\":\"*43#\",\"device\":\"FAX\"}",
            "{\"extension\":\"1001\",\"digits\":\"*43#\",\"device\":\"TERMINAL\",\"extra\":1}",
            "{\"extension\":\"1001\",\"command\":\"SELF_DESTRUCT\"}",
            "{\"extension\":\"1001\",\"command\":42}",
            "{\"extension\":\"1001\",\"command\":\"FORWARD\",\"kind\":\"BUSY\",\"target\":\"0701234567\",\"delaySeconds\":30}",
            "{\"extension\":\"1001\",\"command\":\"FORWARD\",\"kind\":\"BUSY\",\"target\":\"not a number\"}",
            "{\"extension\":\"1001\",\"command\":\"FORWARD\",\"kind\":\"BUSY\"}",
            "{\"extension\":\"1001\",\"command\":\"ACTIVATE_PROFILE\",\"profile\":\"2\"}",
            "{\"extension\":\"1001\",\"command\":\"ACTIVATE_PROFILE\",\"profile\":0}",
            "{\"extension\":\"1001\",\"command\":\"ACTIVATE_PROFILE\",\"profile\":2.5}",
            "{\"extension\":\"1001\",\"command\":\"ACTIVATE_PROFILE\",\"profile\":99999999999}",
            "{\"extension\":\"1001\",\"command\":\"ACTIVATE_PROFILE\",\"profile\":2,\"until\":\"tomorrow\"}",
            "{\"extension\":\"1001\",\"command\":\"QUEUE_LOG_IN\",\"queue\":-1}",
            "{\"extension\":\"1001\",\"command\":\"CALL_WAITING\",\"on\":\"yes\"}",
    })
    void anythingElseIsABadCommandWithAReason(String body) {
        var bad = assertThrows(BadCommandException.class, () -> CommandParser.parse(body));
        assertTrue(!bad.getMessage().isBlank());
    }

    @Test
    void aHugeBodyIsRefusedUnread() {
        String huge = "{\"extension\":\"1001\",\"digits\":\"" + "1".repeat(CommandParser.MAX_BODY) + "\",\"device\":\"TERMINAL\"}";
        var bad = assertThrows(BadCommandException.class, () -> CommandParser.parse(huge));
        assertTrue(bad.getMessage().contains("at most"));
    }

    @Test
    void aNullMessageBodyIsABadCommand() {
        assertThrows(BadCommandException.class, () -> CommandParser.parse(null));
    }

    @Test
    void contentAfterTheJsonObjectIsRefusedAsRestRefusesIt() {
        var refused = assertThrows(BadCommandException.class, () -> CommandParser.parse("{}{}"));

        assertTrue(refused.getMessage().startsWith("the message is not JSON"), refused.getMessage());
    }

    @Test
    void aWrongJsonTypeNamesTheTypeTheFieldMustHave() {
        var refused = assertThrows(BadCommandException.class,
                () -> CommandParser.parse("{\"extension\":1001,\"digits\":\"*21*0701234567#\"}"));

        assertEquals("'extension' must be a string", refused.getMessage());
    }
}
