package se.plus.application.port.in;

import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;

/** A plus-service command built directly (JMS {@code command} messages) rather than parsed from digits. */
public interface ExecuteServiceCommandUseCase {

    /** @throws NoSuchUserException when the extension names no user */
    Outcome execute(Extension extension, ServiceCommand command, Actor actor);
}
