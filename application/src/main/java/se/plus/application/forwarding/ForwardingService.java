package se.plus.application.forwarding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.ChangeForwardingUseCase;
import se.plus.application.service.ServiceExecution;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Decision;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;
import se.plus.domain.user.ForwardingKind;
import se.plus.domain.user.User;

@ApplicationScoped
class ForwardingService implements ChangeForwardingUseCase {

    private final ServiceExecution execution;

    @Inject
    ForwardingService(ServiceExecution execution) {
        this.execution = execution;
    }

    @Override
    public Outcome forward(Extension extension, ForwardingKind kind, PhoneNumber target,
                           Optional<Integer> noAnswerDelaySeconds, Actor actor) {
        return execution.change(extension, actor, service(kind), "ACTIVATE", (user, now) -> {
            User withDelay = user;
            if (noAnswerDelaySeconds.isPresent()) {
                if (!User.isValidNoAnswerDelay(noAnswerDelaySeconds.get())) {
                    return Decision.rejected(new Refusal(OutcomeCode.INVALID_TIME,
                            "the no-answer delay is 5–60 seconds"));
                }
                withDelay = user.withNoAnswerDelaySeconds(noAnswerDelaySeconds.get());
            }
            // A changed delay alone is still a change: it is stored even when the target was already set.
            return withDelay.forward(kind, target, execution.colleagues(), now);
        });
    }

    @Override
    public Outcome cancel(Extension extension, ForwardingKind kind, Actor actor) {
        return execution.change(extension, actor, service(kind), "DEACTIVATE",
                (user, now) -> user.cancelForwarding(kind, now));
    }

    private static String service(ForwardingKind kind) {
        return "FORWARDING_" + kind.name();
    }
}
