package se.plus.domain.time;

/** The result of reading {@code <t>}: a valid {@link TimeSpec}, or why the digits are not one. */
public sealed interface TimeSpecParse {

    record Valid(TimeSpec spec) implements TimeSpecParse {
    }

    record Invalid(String reason) implements TimeSpecParse {
    }
}
