package se.plus.application.port.in;

import se.plus.domain.outcome.Outcome;

/**
 * Runs a plus-service code for a user: parse, apply the rules, and on a change commit the new state
 * with its audit record and its event, all or nothing.
 *
 * @throws NoSuchUserException when the extension names no user
 */
public interface ExecuteDialStringUseCase {

    Outcome execute(DialRequest request);
}
