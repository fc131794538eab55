package se.plus.application.port.in;

import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;

/** Log in to / out of a queue explicitly: the same rules as {@code *75*<q>} / {@code #75*<q>}. */
public interface QueueLoginUseCase {

    Outcome logIn(int queue, Extension extension, Actor actor);

    Outcome logOut(int queue, Extension extension, Actor actor);
}
