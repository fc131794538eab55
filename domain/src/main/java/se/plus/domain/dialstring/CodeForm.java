package se.plus.domain.dialstring;

import java.util.List;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.ForwardingKind;

/**
 * The codes of plus-services.md, one row each: the fixed prefix, what follows it, and whether each
 * dialect's exact form ends in {@code #}. The parser and the renderer both read this table, so they
 * cannot drift apart.
 */
enum CodeForm {
    FORWARD_UNCONDITIONAL_ON("*21*", Argument.NUMBER, Hash.NONE, Hash.REQUIRED),
    FORWARD_UNCONDITIONAL_OFF("#21", Argument.NONE, Hash.NONE, Hash.REQUIRED),
    FORWARD_NO_ANSWER_ON("*61*", Argument.NUMBER, Hash.REQUIRED, Hash.REQUIRED),
    FORWARD_NO_ANSWER_OFF("#61", Argument.NONE, Hash.NONE, Hash.REQUIRED),
    FORWARD_BUSY_ON("*67*", Argument.NUMBER, Hash.NONE, Hash.REQUIRED),
    FORWARD_BUSY_OFF("#67", Argument.NONE, Hash.NONE, Hash.REQUIRED),
    PROFILE_ON("*24*", Argument.PROFILE_AND_TIME, Hash.NONE, Hash.REQUIRED),
    PROFILE_OFF("#24", Argument.NONE, Hash.NONE, Hash.REQUIRED),
    QUEUE_LOG_IN("*75*", Argument.QUEUE, Hash.NONE, Hash.REQUIRED),
    QUEUE_LOG_OUT("#75*", Argument.QUEUE, Hash.NONE, Hash.REQUIRED),
    PICKUP("*80*", Argument.NUMBER, Hash.NONE, Hash.NONE),
    HIDDEN_NUMBER("*31*", Argument.NUMBER, Hash.NONE, Hash.NONE),
    VOICEMAIL("*59*", Argument.NUMBER, Hash.NONE, Hash.REQUIRED),
    BYPASS("*60*", Argument.NUMBER, Hash.NONE, Hash.REQUIRED),
    // [decided] GSM-style status queries and call waiting (3GPP TS 22.030), the same in both dialects.
    QUERY_UNCONDITIONAL("*#21", Argument.NONE, Hash.REQUIRED, Hash.REQUIRED),
    QUERY_NO_ANSWER("*#61", Argument.NONE, Hash.REQUIRED, Hash.REQUIRED),
    QUERY_BUSY("*#67", Argument.NONE, Hash.REQUIRED, Hash.REQUIRED),
    QUERY_PROFILE("*#24", Argument.NONE, Hash.REQUIRED, Hash.REQUIRED),
    QUERY_QUEUE("*#75*", Argument.QUEUE, Hash.REQUIRED, Hash.REQUIRED),
    QUERY_CALL_WAITING("*#43", Argument.NONE, Hash.REQUIRED, Hash.REQUIRED),
    CALL_WAITING_ON("*43", Argument.NONE, Hash.REQUIRED, Hash.REQUIRED),
    CALL_WAITING_OFF("#43", Argument.NONE, Hash.REQUIRED, Hash.REQUIRED),
    // Keyed during a call.
    TRANSFER("#", Argument.NUMBER, Hash.NONE, Hash.REQUIRED),
    TAKE_BACK("*", Argument.NONE, Hash.NONE, Hash.NONE);

    /** What follows the prefix. */
    enum Argument {
        NONE("", ""),
        NUMBER("<n>", "number"),
        PROFILE_AND_TIME("<p>[*<t>]", "profile number"),
        QUEUE("<q>", "queue number");

        final String placeholder;
        final String noun;

        Argument(String placeholder, String noun) {
            this.placeholder = placeholder;
            this.noun = noun;
        }
    }

    /**
     * Whether the exact form ends in {@code #}. A form without one still tolerates one trailing
     * {@code #} (phones that send {@code #} as the dial key); a form with one requires it.
     */
    enum Hash {
        NONE,
        REQUIRED
    }

    static final List<CodeForm> DIALLED = List.of(
            FORWARD_UNCONDITIONAL_ON, FORWARD_UNCONDITIONAL_OFF, FORWARD_NO_ANSWER_ON, FORWARD_NO_ANSWER_OFF,
            FORWARD_BUSY_ON, FORWARD_BUSY_OFF, PROFILE_ON, PROFILE_OFF, QUEUE_LOG_IN, QUEUE_LOG_OUT,
            PICKUP, HIDDEN_NUMBER, VOICEMAIL, BYPASS,
            QUERY_UNCONDITIONAL, QUERY_NO_ANSWER, QUERY_BUSY, QUERY_PROFILE, QUERY_QUEUE, QUERY_CALL_WAITING,
            CALL_WAITING_ON, CALL_WAITING_OFF);

    /** Voicemail is keyed during a call; it is also in DIALLED so that REST/JMS can refuse it by name. */
    static final List<CodeForm> IN_CALL = List.of(VOICEMAIL, TRANSFER, TAKE_BACK);

    final String prefix;
    final Argument argument;
    private final Hash mobile;
    private final Hash terminal;

    CodeForm(String prefix, Argument argument, Hash mobile, Hash terminal) {
        this.prefix = prefix;
        this.argument = argument;
        this.mobile = mobile;
        this.terminal = terminal;
    }

    boolean requiresHash(Dialect dialect) {
        return (dialect == Dialect.MOBILE ? mobile : terminal) == Hash.REQUIRED;
    }

    /** The exact form in a dialect, for messages: {@code *21*<n>#}. */
    String exactForm(Dialect dialect) {
        return prefix + argument.placeholder + (requiresHash(dialect) ? "#" : "");
    }

    static List<CodeForm> forContext(DialContext context) {
        return context == DialContext.IN_CALL ? IN_CALL : DIALLED;
    }

    /** The command of a form without argument. */
    ServiceCommand command() {
        switch (this) {
            case FORWARD_UNCONDITIONAL_OFF:
                return new DeactivateForwarding(ForwardingKind.UNCONDITIONAL);
            case FORWARD_NO_ANSWER_OFF:
                return new DeactivateForwarding(ForwardingKind.NO_ANSWER);
            case FORWARD_BUSY_OFF:
                return new DeactivateForwarding(ForwardingKind.BUSY);
            case PROFILE_OFF:
                return new DeactivateProfile();
            case QUERY_UNCONDITIONAL:
                return new QueryForwarding(ForwardingKind.UNCONDITIONAL);
            case QUERY_NO_ANSWER:
                return new QueryForwarding(ForwardingKind.NO_ANSWER);
            case QUERY_BUSY:
                return new QueryForwarding(ForwardingKind.BUSY);
            case QUERY_PROFILE:
                return new QueryProfile();
            case QUERY_CALL_WAITING:
                return new QueryCallWaiting();
            case CALL_WAITING_ON:
                return new CallWaiting(true);
            case CALL_WAITING_OFF:
                return new CallWaiting(false);
            case TAKE_BACK:
                return new TakeBack();
            default:
                throw new IllegalStateException(name());
        }
    }

    /** The command of a form whose argument is a number. */
    ServiceCommand command(PhoneNumber number) {
        switch (this) {
            case FORWARD_UNCONDITIONAL_ON:
                return new ActivateForwarding(ForwardingKind.UNCONDITIONAL, number);
            case FORWARD_NO_ANSWER_ON:
                return new ActivateForwarding(ForwardingKind.NO_ANSWER, number);
            case FORWARD_BUSY_ON:
                return new ActivateForwarding(ForwardingKind.BUSY, number);
            case PICKUP:
                return new Pickup(number);
            case HIDDEN_NUMBER:
                return new HiddenNumberCall(number);
            case VOICEMAIL:
                return new SendToVoicemail(number);
            case BYPASS:
                return new BypassCall(number);
            case TRANSFER:
                return new Transfer(number);
            default:
                throw new IllegalStateException(name());
        }
    }

    /** The command of a form whose argument is a queue number. */
    ServiceCommand command(int queue) {
        switch (this) {
            case QUEUE_LOG_IN:
                return new QueueLogIn(queue);
            case QUEUE_LOG_OUT:
                return new QueueLogOut(queue);
            case QUERY_QUEUE:
                return new QueryQueue(queue);
            default:
                throw new IllegalStateException(name());
        }
    }
}
