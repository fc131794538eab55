package se.plus.domain.dialstring;

import se.plus.domain.user.ForwardingKind;

/**
 * {@link ServiceCommand} → the exact digits of a dialect (what a user should key, e.g. shown in the web
 * app). {@link DialStringParser#parse} of the result, in the command's {@link ServiceCommand#context()},
 * gives the command back.
 */
public final class DialStringRenderer {

    private DialStringRenderer() {
    }

    public static String render(ServiceCommand command, Dialect dialect) {
        if (command instanceof ActivateForwarding) {
            ActivateForwarding c = (ActivateForwarding) command;
            return form(on(c.kind()), c.target().dialDigits(), dialect);
        }
        if (command instanceof DeactivateForwarding) {
            return form(off(((DeactivateForwarding) command).kind()), "", dialect);
        }
        if (command instanceof QueryForwarding) {
            return form(query(((QueryForwarding) command).kind()), "", dialect);
        }
        if (command instanceof ActivateProfile) {
            ActivateProfile c = (ActivateProfile) command;
            String time = c.time().map(t -> "*" + t.digits()).orElse("");
            return form(CodeForm.PROFILE_ON, c.profileNumber() + time, dialect);
        }
        if (command instanceof DeactivateProfile) {
            return form(CodeForm.PROFILE_OFF, "", dialect);
        }
        if (command instanceof QueryProfile) {
            return form(CodeForm.QUERY_PROFILE, "", dialect);
        }
        if (command instanceof QueueLogIn) {
            return form(CodeForm.QUEUE_LOG_IN, Integer.toString(((QueueLogIn) command).queue()), dialect);
        }
        if (command instanceof QueueLogOut) {
            return form(CodeForm.QUEUE_LOG_OUT, Integer.toString(((QueueLogOut) command).queue()), dialect);
        }
        if (command instanceof QueryQueue) {
            return form(CodeForm.QUERY_QUEUE, Integer.toString(((QueryQueue) command).queue()), dialect);
        }
        if (command instanceof CallWaiting) {
            return form(((CallWaiting) command).on() ? CodeForm.CALL_WAITING_ON : CodeForm.CALL_WAITING_OFF, "",
                    dialect);
        }
        if (command instanceof QueryCallWaiting) {
            return form(CodeForm.QUERY_CALL_WAITING, "", dialect);
        }
        if (command instanceof Pickup) {
            return form(CodeForm.PICKUP, ((Pickup) command).ringingAt().dialDigits(), dialect);
        }
        if (command instanceof HiddenNumberCall) {
            return form(CodeForm.HIDDEN_NUMBER, ((HiddenNumberCall) command).target().dialDigits(), dialect);
        }
        if (command instanceof Transfer) {
            return form(CodeForm.TRANSFER, ((Transfer) command).target().dialDigits(), dialect);
        }
        if (command instanceof TakeBack) {
            return form(CodeForm.TAKE_BACK, "", dialect);
        }
        if (command instanceof SendToVoicemail) {
            return form(CodeForm.VOICEMAIL, ((SendToVoicemail) command).mailbox().dialDigits(), dialect);
        }
        if (command instanceof BypassCall) {
            return form(CodeForm.BYPASS, ((BypassCall) command).target().dialDigits(), dialect);
        }
        throw new IllegalArgumentException("no dial string for " + command);
    }

    private static String form(CodeForm form, String argument, Dialect dialect) {
        return form.prefix + argument + (form.requiresHash(dialect) ? "#" : "");
    }

    private static CodeForm on(ForwardingKind kind) {
        switch (kind) {
            case UNCONDITIONAL:
                return CodeForm.FORWARD_UNCONDITIONAL_ON;
            case NO_ANSWER:
                return CodeForm.FORWARD_NO_ANSWER_ON;
            default:
                return CodeForm.FORWARD_BUSY_ON;
        }
    }

    private static CodeForm off(ForwardingKind kind) {
        switch (kind) {
            case UNCONDITIONAL:
                return CodeForm.FORWARD_UNCONDITIONAL_OFF;
            case NO_ANSWER:
                return CodeForm.FORWARD_NO_ANSWER_OFF;
            default:
                return CodeForm.FORWARD_BUSY_OFF;
        }
    }

    private static CodeForm query(ForwardingKind kind) {
        switch (kind) {
            case UNCONDITIONAL:
                return CodeForm.QUERY_UNCONDITIONAL;
            case NO_ANSWER:
                return CodeForm.QUERY_NO_ANSWER;
            default:
                return CodeForm.QUERY_BUSY;
        }
    }
}
