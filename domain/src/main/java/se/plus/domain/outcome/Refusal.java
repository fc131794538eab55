package se.plus.domain.outcome;

import java.util.Objects;

/** A rule said no: the outcome code and, in English, why. */
public record Refusal(OutcomeCode code, String detail) {

    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    public Outcome.Refused toOutcome() {
        return new Outcome.Refused(code, detail);
    }
}
