package se.plus.domain.dialstring;

import java.util.Optional;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.time.TimeSpec;
import se.plus.domain.time.TimeSpecParse;

/**
 * Digits → {@link ServiceCommand}, by the table of plus-services.md ({@link CodeForm}).
 *
 * <p>Each dialect accepts its exact forms and one tolerated trailing {@code #} where its form has none;
 * anything else is refused with a reason, never guessed. The context decides between codes that share
 * digits. {@code %23} (how SIP escapes {@code #} in a request URI) reads as {@code #}; no other escape is
 * decoded. Any input, however long or strange, is answered in time linear in its length and never throws.
 */
public final class DialStringParser {

    /** Longer input is refused before it is looked at; the longest real code is about 25 characters. */
    static final int MAX_RAW_LENGTH = 256;
    static final int MAX_LENGTH = 64;

    private DialStringParser() {
    }

    public static ParseResult parse(String digits, Dialect dialect, DialContext context) {
        if (dialect == null || context == null) {
            return invalidCode("the dialect and the context must be named");
        }
        if (digits == null || digits.isEmpty()) {
            return invalidCode("no digits");
        }
        if (digits.length() > MAX_RAW_LENGTH) {
            return invalidCode("too long for a plus-service code (" + digits.length() + " characters)");
        }
        String s = decode(digits);
        if (s == null) {
            return invalidCode(whatIsWrongWith(digits));
        }
        if (s.length() > MAX_LENGTH) {
            return invalidCode("too long for a plus-service code (" + s.length() + " characters)");
        }
        for (CodeForm form : CodeForm.forContext(context)) {
            if (s.startsWith(form.prefix)) {
                ParseResult result = match(form, s, dialect);
                if (result != null) {
                    return result;
                }
            }
        }
        return noForm(s, dialect, context);
    }

    /** The digits with {@code %23} read as {@code #}; null when a character is not 0-9 * # + or %23. */
    private static String decode(String raw) {
        int n = raw.length();
        StringBuilder decoded = null;
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= n || raw.charAt(i + 1) != '2' || raw.charAt(i + 2) != '3') {
                    return null;
                }
                if (decoded == null) {
                    decoded = new StringBuilder(n).append(raw, 0, i);
                }
                decoded.append('#');
                i += 2;
            } else if (isDigit(c) || c == '*' || c == '#' || c == '+') {
                if (decoded != null) {
                    decoded.append(c);
                }
            } else {
                return null;
            }
        }
        return decoded == null ? raw : decoded.toString();
    }

    private static String whatIsWrongWith(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (!raw.startsWith("%23", i)) {
                    return "only %23 (#) may be escaped; position " + (i + 1);
                }
                i += 2;
            } else if (!(isDigit(c) || c == '*' || c == '#' || c == '+')) {
                return String.format("a code has digits, * and # only; U+%04X at position %d", (int) c, i + 1);
            }
        }
        return "not a plus-service code";
    }

    /** The command or refusal for a form whose prefix matched; null when the input is not this form. */
    private static ParseResult match(CodeForm form, String s, Dialect dialect) {
        int pos = form.prefix.length();
        switch (form.argument) {
            case NONE:
                return matchNoArgument(form, s, pos, dialect);
            case NUMBER:
                return matchNumber(form, s, pos, dialect);
            case PROFILE_AND_TIME:
                return matchProfile(form, s, pos, dialect);
            case QUEUE:
                return matchQueue(form, s, pos, dialect);
            default:
                throw new IllegalStateException(form.argument.name());
        }
    }

    private static ParseResult matchNoArgument(CodeForm form, String s, int pos, Dialect dialect) {
        int rest = s.length() - pos;
        if (rest == 0) {
            return form.requiresHash(dialect) ? expected(form, dialect, "the closing # is missing") : parsed(form.command());
        }
        if (rest == 1 && s.charAt(pos) == '#') {
            return parsed(form.command());
        }
        return null;
    }

    private static ParseResult matchNumber(CodeForm form, String s, int pos, Dialect dialect) {
        int n = s.length();
        int i = pos;
        if (i < n && s.charAt(i) == '+') {
            i++;
        }
        int digitsFrom = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digitsFrom) {
            return expected(form, dialect, "the number is missing");
        }
        int numberEnd = i;
        ParseResult hashProblem = closing(form, s, i, dialect);
        if (hashProblem != null) {
            return hashProblem;
        }
        String raw = s.substring(pos, numberEnd);
        Optional<PhoneNumber> number = PhoneNumber.parse(raw);
        if (number.isEmpty()) {
            return new ParseResult.Rejected(OutcomeCode.UNKNOWN_NUMBER,
                    raw + " is neither an extension (2–6 digits) nor a phone number");
        }
        return parsed(form.command(number.get()));
    }

    private static ParseResult matchProfile(CodeForm form, String s, int pos, Dialect dialect) {
        int n = s.length();
        int i = skipDigits(s, pos);
        int profileDigits = i - pos;
        if (profileDigits == 0) {
            return expected(form, dialect, "the profile number is missing");
        }
        int timeFrom = -1;
        int timeTo = -1;
        if (i < n && s.charAt(i) == '*') {
            timeFrom = i + 1;
            timeTo = skipDigits(s, timeFrom);
            i = timeTo;
        }
        ParseResult hashProblem = closing(form, s, i, dialect);
        if (hashProblem != null) {
            return hashProblem;
        }
        if (profileDigits > 3) {
            return invalidCode("profile numbers have 1–3 digits");
        }
        int profile = number(s, pos, pos + profileDigits);
        if (profile == 0) {
            return invalidCode("there is no profile 0; profiles are numbered from 1");
        }
        Optional<TimeSpec> time = Optional.empty();
        if (timeFrom >= 0) {
            TimeSpecParse t = TimeSpec.parse(s.substring(timeFrom, timeTo));
            if (t instanceof TimeSpecParse.Invalid) {
                return new ParseResult.Rejected(OutcomeCode.INVALID_TIME, ((TimeSpecParse.Invalid) t).reason());
            }
            time = Optional.of(((TimeSpecParse.Valid) t).spec());
        }
        return parsed(new ActivateProfile(profile, time));
    }

    private static ParseResult matchQueue(CodeForm form, String s, int pos, Dialect dialect) {
        int i = skipDigits(s, pos);
        int queueDigits = i - pos;
        if (queueDigits == 0) {
            return expected(form, dialect, "the queue number is missing");
        }
        ParseResult hashProblem = closing(form, s, i, dialect);
        if (hashProblem != null) {
            return hashProblem;
        }
        if (queueDigits > 6) {
            return invalidCode("queue numbers have 1–6 digits");
        }
        int queue = number(s, pos, i);
        if (queue == 0) {
            return invalidCode("there is no queue 0; queues are numbered from 1");
        }
        return parsed(form.command(queue));
    }

    /** Null when what follows the argument is right for the dialect: nothing, or the one {@code #}. */
    private static ParseResult closing(CodeForm form, String s, int i, Dialect dialect) {
        int rest = s.length() - i;
        if (rest == 0) {
            return form.requiresHash(dialect) ? expected(form, dialect, "the closing # is missing") : null;
        }
        if (rest == 1 && s.charAt(i) == '#') {
            return null;
        }
        return expected(form, dialect, "unexpected '" + s.charAt(i) + "' at position " + (i + 1));
    }

    private static ParseResult noForm(String s, Dialect dialect, DialContext context) {
        if (context == DialContext.IN_CALL) {
            return invalidCode("during a call only " + CodeForm.TRANSFER.exactForm(dialect) + ", "
                    + CodeForm.TAKE_BACK.exactForm(dialect) + " and " + CodeForm.VOICEMAIL.exactForm(dialect)
                    + " can be keyed");
        }
        if (s.equals("*") || s.equals("*#")) {
            return new ParseResult.Rejected(OutcomeCode.NOT_ALLOWED,
                    "* takes a caller back during a transfer; it needs an ongoing call");
        }
        if (isTransferShape(s, dialect)) {
            return new ParseResult.Rejected(OutcomeCode.NOT_ALLOWED,
                    CodeForm.TRANSFER.exactForm(dialect) + " transfers an ongoing call; it needs an ongoing call");
        }
        return invalidCode("not a plus-service code of the " + dialectName(dialect) + " table");
    }

    /** {@code #<digits>} with the dialect's closing: the transfer code keyed outside a call. */
    private static boolean isTransferShape(String s, Dialect dialect) {
        if (s.length() < 2 || s.charAt(0) != '#') {
            return false;
        }
        int i = skipDigits(s, 1);
        if (i == 1) {
            return false;
        }
        int rest = s.length() - i;
        return (rest == 1 && s.charAt(i) == '#') || (rest == 0 && !CodeForm.TRANSFER.requiresHash(dialect));
    }

    private static ParseResult expected(CodeForm form, Dialect dialect, String problem) {
        return invalidCode(problem + "; the " + dialectName(dialect) + " form is " + form.exactForm(dialect));
    }

    private static String dialectName(Dialect dialect) {
        return dialect == Dialect.MOBILE ? "mobile" : "terminal";
    }

    private static ParseResult parsed(ServiceCommand command) {
        return new ParseResult.Parsed(command);
    }

    private static ParseResult invalidCode(String detail) {
        return new ParseResult.Rejected(OutcomeCode.INVALID_CODE, detail);
    }

    private static int skipDigits(String s, int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int number(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
