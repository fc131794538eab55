package se.plus.domain.user;

import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;

/** The rules of {@code *24*<p>[*<t>]} that are not about time (time rules live in {@code TimeSpec}). */
public final class ProfilePolicy {

    private ProfilePolicy() {
    }

    /** A profile number the user does not have is an unknown number. */
    public static Refusal profileMustExist(int number) {
        return new Refusal(OutcomeCode.UNKNOWN_NUMBER, "no profile number " + number);
    }
}
