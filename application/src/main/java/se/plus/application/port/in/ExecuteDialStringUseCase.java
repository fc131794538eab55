package se.plus.application.port.in;

import java.util.Optional;
import se.plus.domain.outcome.Outcome;

/**
 * Runs a plus-service code for a user: parse, apply the rules, and on a change commit the new state
 * with its audit record and its event, all or nothing.
 *
 * @throws NoSuchUserException when the extension names no user
 */
public interface ExecuteDialStringUseCase {

    Outcome execute(DialRequest request);

    /**
     * {@link #execute}, and when the code was done, the user's services state after it, read in the
     * same transaction: what the REST answer shows, without a second transaction to read it.
     */
    Answer executeAndRead(DialRequest request);

    /** {@code servicesAfter} is present when the outcome is done. */
    record Answer(Outcome outcome, Optional<ReadServicesUseCase.Services> servicesAfter) {
    }
}
