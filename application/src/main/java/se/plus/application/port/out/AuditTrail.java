package se.plus.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.plus.domain.number.Extension;

/**
 * Every change, kept: when, who, through which entry point, and the state before and after. Records
 * come back in the order the changes took hold of their rows, so each {@code before} is the previous
 * {@code after} of the same user: a gap would be a lost update.
 */
public interface AuditTrail {

    void record(AuditRecord record);

    /** Oldest first, at most {@code limit}. */
    List<AuditRecord> find(Optional<Extension> extension, Optional<Instant> since, int limit);
}
