package se.plus.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.plus.domain.number.Extension;

/** The record of finished calls. */
public interface CallRecords {

    void add(CallRecord record);

    Optional<CallRecord> find(String id);

    /** The user's most recent calls (as caller, callee or diversion), newest first. */
    List<CallRecord> of(Extension user, int limit);

    /** Forgets calls that ended before {@code before}; returns how many. */
    int removeEndedBefore(Instant before);
}
