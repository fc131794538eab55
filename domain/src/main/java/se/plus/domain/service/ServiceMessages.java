package se.plus.domain.service;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Message;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.ForwardingKind;
import se.plus.domain.user.Profile;

/** What a user is told when a code is done, in Swedish and English. Refusals use the outcome code's. */
final class ServiceMessages {

    private ServiceMessages() {
    }

    static Message forwardingOn(ForwardingKind kind, PhoneNumber target, int delaySeconds) {
        String sv = kind.swedishName() + " till " + target + " är på";
        String en = kind.englishName() + " to " + target + " is on";
        if (kind == ForwardingKind.NO_ANSWER) {
            sv += ", efter " + delaySeconds + " sekunder";
            en += ", after " + delaySeconds + " seconds";
        }
        return new Message(sv, en);
    }

    static Message forwardingOff(ForwardingKind kind) {
        return new Message(kind.swedishName() + " är av", kind.englishName() + " is off");
    }

    static Message forwardingStatus(ForwardingKind kind, Optional<PhoneNumber> target, int delaySeconds) {
        return target.isPresent() ? forwardingOn(kind, target.get(), delaySeconds) : forwardingOff(kind);
    }

    static Message profileActive(Profile profile, Optional<Instant> until, ZoneId zone) {
        String name = profile.name() + " (" + profile.number() + ")";
        if (until.isEmpty()) {
            return new Message("Profilen " + name + " är aktiv tills vidare",
                    "Profile " + name + " is active until further notice");
        }
        String when = minutes(LocalDateTime.ofInstant(until.get(), zone));
        return new Message("Profilen " + name + " är aktiv till " + when,
                "Profile " + name + " is active until " + when);
    }

    /** yyyy-MM-dd HH:mm, by hand: DateTimeFormatter costs more than the rest of a profile code. */
    private static String minutes(LocalDateTime t) {
        StringBuilder b = new StringBuilder(16).append(t.getYear()).append('-');
        twoDigits(b, t.getMonthValue()).append('-');
        twoDigits(b, t.getDayOfMonth()).append(' ');
        twoDigits(b, t.getHour()).append(':');
        return twoDigits(b, t.getMinute()).toString();
    }

    private static StringBuilder twoDigits(StringBuilder b, int v) {
        return (v < 10 ? b.append('0') : b).append(v);
    }

    static Message queueLoggedIn(Queue queue, boolean already) {
        String q = queueName(queue);
        return already
                ? new Message("Du var redan inloggad i " + q, "You were already logged in to " + enQueueName(queue))
                : new Message("Du är inloggad i " + q, "You are logged in to " + enQueueName(queue));
    }

    static Message queueLoggedOut(Queue queue, boolean already) {
        String q = queueName(queue);
        return already
                ? new Message("Du var redan utloggad ur " + q, "You were already logged out of " + enQueueName(queue))
                : new Message("Du är utloggad ur " + q, "You are logged out of " + enQueueName(queue));
    }

    static Message queueStatus(Queue queue, boolean loggedIn) {
        return loggedIn
                ? new Message("Du är inloggad i " + queueName(queue), "You are logged in to " + enQueueName(queue))
                : new Message("Du är inte inloggad i " + queueName(queue),
                        "You are not logged in to " + enQueueName(queue));
    }

    private static String queueName(Queue queue) {
        return "kö " + queue.number() + " (" + queue.name() + ")";
    }

    private static String enQueueName(Queue queue) {
        return "queue " + queue.number() + " (" + queue.name() + ")";
    }

    static Message callWaiting(boolean on) {
        return on ? new Message("Samtal väntar är på", "Call waiting is on")
                : new Message("Samtal väntar är av", "Call waiting is off");
    }
}
