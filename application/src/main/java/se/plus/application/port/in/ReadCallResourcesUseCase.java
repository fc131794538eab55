package se.plus.application.port.in;

import java.util.Map;

/** The live calls and what they hold right now, for operators and for the leak test. */
public interface ReadCallResourcesUseCase {

    /** {@code liveCalls} and each resource of the phone side, by name. */
    Map<String, Integer> inUse();
}
