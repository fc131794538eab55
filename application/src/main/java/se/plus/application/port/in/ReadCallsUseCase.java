package se.plus.application.port.in;

import java.util.List;
import java.util.Optional;
import se.plus.application.port.out.CallRecord;
import se.plus.domain.number.Extension;

/** Finished calls with why they went where they went. Who may read which is the entry point's rule. */
public interface ReadCallsUseCase {

    int MAX_LIMIT = 200;

    /** The user's most recent calls, newest first; {@code limit} 1–{@link #MAX_LIMIT}. */
    List<CallRecord> recent(Extension user, int limit);

    Optional<CallRecord> find(String id);
}
