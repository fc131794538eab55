package se.plus.application.service;

import java.util.stream.Collectors;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.ForwardingKind;
import se.plus.domain.user.User;

/** The readable before/after of the audit trail: the service state a plus-service code can change. */
public final class StateSummary {

    private StateSummary() {
    }

    public static String of(User user) {
        var forwardings = new StringBuilder();
        for (ForwardingKind kind : ForwardingKind.values()) {
            forwardings.append(kind.name().toLowerCase()).append('=')
                    .append(user.forwardings().target(kind).map(PhoneNumber::value).orElse("-")).append(' ');
        }
        return "forwarding{" + forwardings.toString().trim() + "} noAnswerDelay=" + user.noAnswerDelaySeconds()
                + "s profile=" + user.activeProfile().profileNumber()
                + user.activeProfile().until().map(until -> " until=" + until).orElse("")
                + " callWaiting=" + (user.callWaiting() ? "on" : "off")
                + " transferMode=" + user.transferMode()
                + " hideNumberOnExternalCalls=" + user.hideNumberOnExternalCalls()
                + " mobileFollowsFixed=" + user.mobileFollowsFixed()
                + " voicemail=" + (user.voicemailEnabled() ? "on" : "off")
                + " profiles=" + user.profiles().all().stream()
                        .map(p -> p.number() + ":" + p.name() + ":" + p.handling())
                        .collect(Collectors.joining(",", "[", "]"));
    }

    public static String of(Queue queue) {
        return "queue " + queue.number() + " '" + queue.name() + "' strategy=" + queue.strategy()
                + " members=" + queue.members().stream().map(Object::toString).sorted().toList()
                + " loggedIn=" + queue.loggedIn().stream().map(Object::toString).sorted().toList();
    }
}
