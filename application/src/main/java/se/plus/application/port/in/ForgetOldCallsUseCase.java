package se.plus.application.port.in;

import java.time.Instant;

/** Call records are kept for a while, not for ever: those that ended before {@code before} go. */
public interface ForgetOldCallsUseCase {

    /** Returns how many call records were removed. */
    int forgetEndedBefore(Instant before);
}
