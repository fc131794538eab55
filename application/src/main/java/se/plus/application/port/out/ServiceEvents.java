package se.plus.application.port.out;

import se.plus.application.port.in.EntryPoint;
import se.plus.domain.event.DomainEvent;

/**
 * Publishes state changes to integrators. Called inside the transaction of the change: an
 * implementation must take part in it, so that the change and its event commit together or not at all.
 */
public interface ServiceEvents {

    void publish(DomainEvent event, EntryPoint source);
}
