package se.plus.domain.dialstring;

import java.util.Objects;
import se.plus.domain.outcome.Message;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;

/** What {@link DialStringParser#parse} made of some digits: a command, or why there is none. */
public sealed interface ParseResult {

    record Parsed(ServiceCommand command) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(command, "command");
        }
    }

    /** The digits are no command of this dialect and context; {@code detail} says what was expected. */
    record Rejected(OutcomeCode code, String detail) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
        }

        public Message message() {
            return code.message();
        }

        public Outcome.Refused toOutcome() {
            return new Outcome.Refused(code, detail);
        }
    }
}
