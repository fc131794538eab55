package se.plus.application.port.in;

import se.plus.application.port.out.CallRecord;

/** A call finished: its record is kept and {@code CALL_ENDED} published, together or not at all. */
public interface RecordCallUseCase {

    void record(CallRecord record);
}
