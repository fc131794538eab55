package se.plus.application.port.out;

import java.util.Map;

/**
 * What the phone side holds for calls in progress (dialogs, transactions, media sessions and ports):
 * every one of them returns to zero once every call has ended, or something leaks.
 */
public interface CallResources {

    /** Name → how many are in use now. */
    Map<String, Integer> inUse();
}
