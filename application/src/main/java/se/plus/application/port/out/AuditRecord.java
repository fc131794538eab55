package se.plus.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import se.plus.application.port.in.EntryPoint;

/** One change: {@code before}/{@code after} are readable summaries of the state the change touched. */
public record AuditRecord(Instant at, String actor, EntryPoint entryPoint, Optional<String> extension,
                          String action, String before, String after) {

    public AuditRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
