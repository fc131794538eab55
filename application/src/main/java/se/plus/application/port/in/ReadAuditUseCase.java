package se.plus.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.out.AuditRecord;
import se.plus.domain.number.Extension;

/** The audit trail, oldest first. */
public interface ReadAuditUseCase {

    int MAX_RECORDS = 1000;

    List<AuditRecord> read(Optional<Extension> extension, Optional<Instant> since);
}
