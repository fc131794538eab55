package se.plus.application.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.ExecuteServiceCommandUseCase;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;

@ApplicationScoped
class ExecuteServiceCommandService implements ExecuteServiceCommandUseCase {

    private final ServiceExecution execution;

    @Inject
    ExecuteServiceCommandService(ServiceExecution execution) {
        this.execution = execution;
    }

    @Override
    public Outcome execute(Extension extension, ServiceCommand command, Actor actor) {
        return execution.execute(extension, command, actor);
    }
}
