package se.plus.application.queues;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.QueueLoginUseCase;
import se.plus.application.service.ServiceExecution;
import se.plus.domain.dialstring.QueueLogIn;
import se.plus.domain.dialstring.QueueLogOut;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;

@ApplicationScoped
class QueueLoginService implements QueueLoginUseCase {

    private final ServiceExecution execution;

    @Inject
    QueueLoginService(ServiceExecution execution) {
        this.execution = execution;
    }

    @Override
    public Outcome logIn(int queue, Extension extension, Actor actor) {
        return execution.execute(extension, new QueueLogIn(queue), actor);
    }

    @Override
    public Outcome logOut(int queue, Extension extension, Actor actor) {
        return execution.execute(extension, new QueueLogOut(queue), actor);
    }
}
