package se.plus.domain.dialstring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.domain.dialstring.DialContext.DIALLED;
import static se.plus.domain.dialstring.DialContext.IN_CALL;
import static se.plus.domain.dialstring.Dialect.MOBILE;
import static se.plus.domain.dialstring.Dialect.TERMINAL;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.time.TimeSpec;
import se.plus.domain.user.ForwardingKind;

class DialStringParserTest {

    private static final PhoneNumber MOBILE_NUMBER = PhoneNumber.of("+46701234567");
    private static final PhoneNumber EXT_1002 = PhoneNumber.of("1002");

    static ServiceCommand parsed(String digits, Dialect dialect, DialContext context) {
        ParseResult result = DialStringParser.parse(digits, dialect, context);
        return assertInstanceOf(ParseResult.Parsed.class, result, () -> digits + " → " + result).command();
    }

    static ParseResult.Rejected rejected(String digits, Dialect dialect, DialContext context) {
        ParseResult result = DialStringParser.parse(digits, dialect, context);
        return assertInstanceOf(ParseResult.Rejected.class, result, () -> digits + " → " + result);
    }

    @Nested
    @DisplayName("FAQ, Plustjänster mobil")
    class MobileTable {

        @Test
        @DisplayName("Direkt, aktivera: *21*<nummer>")
        void unconditionalOn() {
            assertEquals(new ActivateForwarding(ForwardingKind.UNCONDITIONAL, MOBILE_NUMBER),
                    parsed("*21*0701234567", MOBILE, DIALLED));
        }

        @Test
        @DisplayName("Direkt, inaktivera: #21")
        void unconditionalOff() {
            assertEquals(new DeactivateForwarding(ForwardingKind.UNCONDITIONAL), parsed("#21", MOBILE, DIALLED));
        }

        @Test
        @DisplayName("Fördröjd, aktivera: *61*<nummer># (the mobile form ends in # too)")
        void noAnswerOn() {
            assertEquals(new ActivateForwarding(ForwardingKind.NO_ANSWER, EXT_1002), parsed("*61*1002#", MOBILE, DIALLED));
        }

        @Test
        @DisplayName("*61*<nummer> without its # is not the mobile form")
        void noAnswerOnNeedsItsHash() {
            ParseResult.Rejected r = rejected("*61*1002", MOBILE, DIALLED);
            assertEquals(OutcomeCode.INVALID_CODE, r.code());
            assertTrue(r.detail().contains("*61*<n>#"), r.detail());
        }

        @Test
        @DisplayName("Fördröjd, inaktivera: #61")
        void noAnswerOff() {
            assertEquals(new DeactivateForwarding(ForwardingKind.NO_ANSWER), parsed("#61", MOBILE, DIALLED));
        }

        @Test
        @DisplayName("Om upptaget, aktivera: *67*<nummer>; inaktivera: #67")
        void busy() {
            assertEquals(new ActivateForwarding(ForwardingKind.BUSY, EXT_1002), parsed("*67*1002", MOBILE, DIALLED));
            assertEquals(new DeactivateForwarding(ForwardingKind.BUSY), parsed("#67", MOBILE, DIALLED));
        }

        @Test
        @DisplayName("Aktivera en profil: *24*<profilnr>[*tid]; inaktivera: #24")
        void profile() {
            assertEquals(new ActivateProfile(2, Optional.empty()), parsed("*24*2", MOBILE, DIALLED));
            assertEquals(new ActivateProfile(2, Optional.of(new TimeSpec.ClockTime(13, 0))),
                    parsed("*24*2*1300", MOBILE, DIALLED));
            assertEquals(new DeactivateProfile(), parsed("#24", MOBILE, DIALLED));
        }

        @Test
        @DisplayName("Svarsgrupp: inloggning *75*<könummer>, utloggning #75*<könummer>")
        void queue() {
            assertEquals(new QueueLogIn(5), parsed("*75*5", MOBILE, DIALLED));
            assertEquals(new QueueLogOut(5), parsed("#75*5", MOBILE, DIALLED));
        }

        @Test
        @DisplayName("Ta samtal *80*<nummer>, dolt nummer *31*<nummer>, röstbrevlåda *59*<nummer>, förbikoppla *60*<nummer>")
        void callCodes() {
            assertEquals(new Pickup(EXT_1002), parsed("*80*1002", MOBILE, DIALLED));
            assertEquals(new HiddenNumberCall(MOBILE_NUMBER), parsed("*31*0701234567", MOBILE, DIALLED));
            assertEquals(new SendToVoicemail(EXT_1002), parsed("*59*1002", MOBILE, IN_CALL));
            assertEquals(new BypassCall(EXT_1002), parsed("*60*1002", MOBILE, DIALLED));
        }

        @Test
        @DisplayName("Överflytta pågående inkommande samtal: #<nummer>; ta tillbaka: *")
        void inCall() {
            assertEquals(new Transfer(EXT_1002), parsed("#1002", MOBILE, IN_CALL));
            assertEquals(new TakeBack(), parsed("*", MOBILE, IN_CALL));
        }

        @ParameterizedTest
        @ValueSource(strings = {"*21*0701234567#", "#21#", "#61#", "*67*1002#", "#67#", "*24*2#", "*24*2*1300#",
            "#24#", "*75*5#", "#75*5#", "*80*1002#", "*31*1002#", "*60*1002#"})
        @DisplayName("one trailing # is tolerated where the mobile form has none")
        void toleratedHash(String digits) {
            parsed(digits, MOBILE, DIALLED);
        }
    }

    @Nested
    @DisplayName("FAQ, Plustjänster terminal/softphone")
    class TerminalTable {

        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "*21*0701234567#, FORWARDING_UNCONDITIONAL, ACTIVATE",
            "#21#, FORWARDING_UNCONDITIONAL, DEACTIVATE",
            "*61*1002#, FORWARDING_NO_ANSWER, ACTIVATE",
            "#61#, FORWARDING_NO_ANSWER, DEACTIVATE",
            "*67*1002#, FORWARDING_BUSY, ACTIVATE",
            "#67#, FORWARDING_BUSY, DEACTIVATE",
            "*24*2#, PROFILE, ACTIVATE",
            "*24*2*1300#, PROFILE, ACTIVATE",
            "#24#, PROFILE, DEACTIVATE",
            "*75*5#, QUEUE, LOG_IN",
            "#75*5#, QUEUE, LOG_OUT",
            "*80*1002, PICKUP, PICK_UP",
            "*31*0701234567, HIDDEN_NUMBER, CALL",
            "*60*1002#, BYPASS, CALL",
        })
        void everyTerminalFormParses(String digits, String service, String action) {
            ServiceCommand c = parsed(digits, TERMINAL, DIALLED);
            assertEquals(service, c.service());
            assertEquals(action, c.action());
        }

        @ParameterizedTest
        @ValueSource(strings = {"*21*0701234567", "#21", "#61", "*67*1002", "#67", "*24*2", "#24", "*75*5",
            "#75*5", "*60*1002"})
        @DisplayName("a terminal form that ends in # is refused without it, with the form in the detail")
        void terminalFormsNeedTheirHash(String digits) {
            ParseResult.Rejected r = rejected(digits, TERMINAL, DIALLED);
            assertEquals(OutcomeCode.INVALID_CODE, r.code());
            assertTrue(r.detail().contains("terminal form is"), r.detail());
        }

        @Test
        @DisplayName("*80* and *31* have no # on the terminal either, and tolerate one")
        void pickupAndHiddenTolerateHash() {
            assertEquals(new Pickup(EXT_1002), parsed("*80*1002#", TERMINAL, DIALLED));
            assertEquals(new HiddenNumberCall(EXT_1002), parsed("*31*1002#", TERMINAL, DIALLED));
        }

        @Test
        @DisplayName("#<nummer># transfers during a call; * takes back; *59*<nummer># sends to voicemail")
        void inCall() {
            assertEquals(new Transfer(EXT_1002), parsed("#1002#", TERMINAL, IN_CALL));
            assertEquals(new TakeBack(), parsed("*", TERMINAL, IN_CALL));
            assertEquals(new SendToVoicemail(EXT_1002), parsed("*59*1002#", TERMINAL, IN_CALL));
        }

        @Test
        @DisplayName("#<nummer> without # is not the terminal transfer")
        void terminalTransferNeedsHash() {
            assertEquals(OutcomeCode.INVALID_CODE, rejected("#1002", TERMINAL, IN_CALL).code());
        }

        @Test
        @DisplayName("a trailing # is tolerated once, never twice")
        void onlyOneHash() {
            assertEquals(OutcomeCode.INVALID_CODE, rejected("*21*1002##", TERMINAL, DIALLED).code());
            assertEquals(OutcomeCode.INVALID_CODE, rejected("*21*1002##", MOBILE, DIALLED).code());
        }
    }

    @Nested
    @DisplayName("context decides, never a guess")
    class Context {

        @Test
        @DisplayName("#21# dialled turns unconditional forwarding off")
        void dialled() {
            assertEquals(new DeactivateForwarding(ForwardingKind.UNCONDITIONAL), parsed("#21#", TERMINAL, DIALLED));
        }

        @Test
        @DisplayName("#21# keyed during a call transfers the call to 21")
        void inCall() {
            assertEquals(new Transfer(PhoneNumber.of("21")), parsed("#21#", TERMINAL, IN_CALL));
        }

        @Test
        @DisplayName("a transfer or take-back dialled outside a call is not allowed")
        void inCallCodesOutsideACall() {
            assertEquals(OutcomeCode.NOT_ALLOWED, rejected("#1002#", TERMINAL, DIALLED).code());
            assertEquals(OutcomeCode.NOT_ALLOWED, rejected("#1002", MOBILE, DIALLED).code());
            assertEquals(OutcomeCode.NOT_ALLOWED, rejected("*", MOBILE, DIALLED).code());
        }

        @Test
        @DisplayName("forwarding codes keyed during a call are not in-call codes")
        void dialledCodesInACall() {
            assertEquals(OutcomeCode.INVALID_CODE, rejected("*21*1002#", TERMINAL, IN_CALL).code());
        }
    }

    @Nested
    @DisplayName("[decided] status queries and call waiting (3GPP TS 22.030)")
    class Queries {

        @ParameterizedTest(name = "{0} in {1}")
        @CsvSource({"*#21#, MOBILE", "*#21#, TERMINAL"})
        void queryForwarding(String digits, Dialect dialect) {
            assertEquals(new QueryForwarding(ForwardingKind.UNCONDITIONAL), parsed(digits, dialect, DIALLED));
        }

        @Test
        void allQueries() {
            assertEquals(new QueryForwarding(ForwardingKind.NO_ANSWER), parsed("*#61#", MOBILE, DIALLED));
            assertEquals(new QueryForwarding(ForwardingKind.BUSY), parsed("*#67#", MOBILE, DIALLED));
            assertEquals(new QueryProfile(), parsed("*#24#", TERMINAL, DIALLED));
            assertEquals(new QueryQueue(5), parsed("*#75*5#", TERMINAL, DIALLED));
            assertEquals(new CallWaiting(true), parsed("*43#", MOBILE, DIALLED));
            assertEquals(new CallWaiting(false), parsed("#43#", TERMINAL, DIALLED));
            assertEquals(new QueryCallWaiting(), parsed("*#43#", MOBILE, DIALLED));
        }

        @Test
        @DisplayName("queries keep their # in both dialects")
        void queriesNeedTheirHash() {
            assertEquals(OutcomeCode.INVALID_CODE, rejected("*#21", MOBILE, DIALLED).code());
            assertEquals(OutcomeCode.INVALID_CODE, rejected("*43", MOBILE, DIALLED).code());
        }
    }

    @Nested
    @DisplayName("SIP escapes # as %23")
    class Escapes {

        @Test
        void percent23IsHash() {
            assertEquals(parsed("*21*1002#", TERMINAL, DIALLED), parsed("*21*1002%23", TERMINAL, DIALLED));
            assertEquals(new Transfer(EXT_1002), parsed("%231002%23", TERMINAL, IN_CALL));
        }

        @ParameterizedTest
        @ValueSource(strings = {"*21*1002%2a", "%2A21*1002#", "*21*1002%", "*21*1002%2", "*21*%301002#"})
        @DisplayName("no other escape is decoded")
        void otherEscapesAreRefused(String digits) {
            assertEquals(OutcomeCode.INVALID_CODE, rejected(digits, TERMINAL, DIALLED).code());
        }
    }

    @Nested
    @DisplayName("numbers are normalised")
    class Numbers {

        @ParameterizedTest
        @ValueSource(strings = {"*21*0701234567#", "*21*0046701234567#", "*21*+46701234567#"})
        @DisplayName("national and international forms become E.164")
        void e164(String digits) {
            assertEquals(new ActivateForwarding(ForwardingKind.UNCONDITIONAL, MOBILE_NUMBER),
                    parsed(digits, TERMINAL, DIALLED));
        }

        @Test
        @DisplayName("2–6 digits are an extension and stay a short number")
        void shortNumbers() {
            assertEquals("12", ((Pickup) parsed("*80*12", TERMINAL, DIALLED)).ringingAt().value());
            assertEquals("123456", ((Pickup) parsed("*80*123456", TERMINAL, DIALLED)).ringingAt().value());
        }

        @ParameterizedTest
        @ValueSource(strings = {"*21*1#", "*21*00000000000000000000#", "*21*+0701234567#"})
        @DisplayName("what is neither is an unknown number")
        void unknown(String digits) {
            assertEquals(OutcomeCode.UNKNOWN_NUMBER, rejected(digits, TERMINAL, DIALLED).code());
        }

        @ParameterizedTest
        @ValueSource(strings = {"*21*#", "*21*+#", "*21*12+3#", "*21**1002#"})
        @DisplayName("a missing or broken number is an invalid code")
        void missing(String digits) {
            assertEquals(OutcomeCode.INVALID_CODE, rejected(digits, TERMINAL, DIALLED).code());
        }
    }

    @Nested
    @DisplayName("profile and time")
    class ProfileAndTime {

        @ParameterizedTest(name = "*24*2*{0}#")
        @ValueSource(strings = {"12345", "1234567", "00", "000", "2400", "1260", "261332", "260229"})
        @DisplayName("[decided] invalid times are INVALID_TIME")
        void invalidTimes(String t) {
            assertEquals(OutcomeCode.INVALID_TIME, rejected("*24*2*" + t + "#", TERMINAL, DIALLED).code());
        }

        @Test
        void emptyTimeIsInvalidTime() {
            assertEquals(OutcomeCode.INVALID_TIME, rejected("*24*2*#", TERMINAL, DIALLED).code());
        }

        @Test
        void allFiveForms() {
            assertEquals(Optional.of(new TimeSpec.Days(3)), profileTime("3"));
            assertEquals(Optional.of(new TimeSpec.Hours(2)), profileTime("02"));
            assertEquals(Optional.of(new TimeSpec.Minutes(45)), profileTime("045"));
            assertEquals(Optional.of(new TimeSpec.ClockTime(13, 30)), profileTime("1330"));
            assertEquals(Optional.of(new TimeSpec.OnDate(LocalDate.of(2026, 12, 24))), profileTime("261224"));
        }

        private Optional<TimeSpec> profileTime(String t) {
            return ((ActivateProfile) parsed("*24*2*" + t + "#", TERMINAL, DIALLED)).time();
        }

        @ParameterizedTest
        @ValueSource(strings = {"*24*0#", "*24*1234#", "*24*#", "*75*0#", "*75*1234567#", "*75*#"})
        void badProfileOrQueueNumbersAreInvalidCodes(String digits) {
            assertEquals(OutcomeCode.INVALID_CODE, rejected(digits, TERMINAL, DIALLED).code());
        }
    }

    @Nested
    @DisplayName("anything else is a clear error")
    class Garbage {

        @ParameterizedTest
        @ValueSource(strings = {"", "0701234567", "*99*1#", "**21*1002#", "*21", "abc", "*21*1002# ", " *21*1002#",
            "*２１*1002#", "#", "##", "*#", "*#99#"})
        void refused(String digits) {
            rejected(digits, TERMINAL, DIALLED);
        }

        @Test
        void nullAndHugeInputAreRefused() {
            assertEquals(OutcomeCode.INVALID_CODE, rejected(null, TERMINAL, DIALLED).code());
            assertEquals(OutcomeCode.INVALID_CODE, rejected("*".repeat(1_000_000), TERMINAL, DIALLED).code());
            assertEquals(OutcomeCode.INVALID_CODE, DialStringParser.parse("*21*1002#", null, DIALLED) instanceof
                    ParseResult.Rejected ? OutcomeCode.INVALID_CODE : null);
        }
    }
}
