package se.plus.domain.queue;

import java.util.List;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;

/**
 * A rule that may refuse logging in or out of a queue (FAQ "Svarsgrupp/kösystem": "Du kan endast logga
 * in och ut dig ur köer som du redan är medlem i").
 */
@FunctionalInterface
public interface QueuePolicy {

    Optional<Refusal> check(Queue queue, Extension who);

    /** A non-member who tries to log in hears "Tjänsten är inte aktiv" and nothing changes. */
    QueuePolicy onlyMembersMayLogIn = (queue, who) -> queue.isMember(who)
            ? Optional.empty()
            : Optional.of(new Refusal(OutcomeCode.SERVICE_NOT_ACTIVE,
                    who + " is not a member of queue " + queue.number()));

    /** Logging out is for members too; a non-member hears the same announcement. */
    QueuePolicy onlyMembersMayLogOut = (queue, who) -> queue.isMember(who)
            ? Optional.empty()
            : Optional.of(new Refusal(OutcomeCode.SERVICE_NOT_ACTIVE,
                    who + " is not a member of queue " + queue.number()));

    /** [decided] Asking {@code *#75*<q>#} about a queue one is not a member of: the same announcement. */
    QueuePolicy onlyMembersHaveALoginState = (queue, who) -> queue.isMember(who)
            ? Optional.empty()
            : Optional.of(new Refusal(OutcomeCode.SERVICE_NOT_ACTIVE,
                    who + " is not a member of queue " + queue.number()));

    List<QueuePolicy> LOG_IN = List.of(onlyMembersMayLogIn);
    List<QueuePolicy> LOG_OUT = List.of(onlyMembersMayLogOut);
    List<QueuePolicy> STATUS = List.of(onlyMembersHaveALoginState);
}
