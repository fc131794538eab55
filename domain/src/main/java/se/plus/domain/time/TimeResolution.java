package se.plus.domain.time;

import java.time.Instant;
import java.util.Optional;

/** What a {@link TimeSpec} means at a given moment: an end, no end, or invalid (a past date). */
public sealed interface TimeResolution {

    /** The end of the activation; empty when it lasts until further notice or is invalid. */
    Optional<Instant> end();

    record Until(Instant at) implements TimeResolution {
        public Until {
            java.util.Objects.requireNonNull(at, "at");
        }

        @Override
        public Optional<Instant> end() {
            return Optional.of(at);
        }
    }

    enum UntilFurtherNotice implements TimeResolution {
        INSTANCE;

        @Override
        public Optional<Instant> end() {
            return Optional.empty();
        }
    }

    record Invalid(String reason) implements TimeResolution {
        @Override
        public Optional<Instant> end() {
            return Optional.empty();
        }
    }
}
