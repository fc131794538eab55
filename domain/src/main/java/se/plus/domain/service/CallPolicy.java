package se.plus.domain.service;

import java.util.Optional;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;

/** Codes that place or act on a call are for phones; without one they are not allowed (contract.md). */
final class CallPolicy {

    private CallPolicy() {
    }

    static Optional<Refusal> callCommandsNeedAPhone(ServiceCommand command) {
        if (!command.requiresCall()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(OutcomeCode.NOT_ALLOWED, command.service() + " places or acts on a call: "
                + "dial it on a phone (in-call codes during the call), or use call control: POST /api/users/{ext}/calls,"
                + " /api/calls/{id}/transfer, /api/calls/{id}/pickup, the JMS commands CALL, TRANSFER, PICKUP"));
    }
}
