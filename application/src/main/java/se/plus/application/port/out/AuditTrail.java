package se.plus.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.plus.domain.number.Extension;

/** Every change, kept: when, who, through which entry point, and the state before and after. */
public interface AuditTrail {

    void record(AuditRecord record);

    /** Oldest first, at most {@code limit}. */
    List<AuditRecord> find(Optional<Extension> extension, Optional<Instant> since, int limit);
}
