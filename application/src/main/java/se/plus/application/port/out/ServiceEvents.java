package se.plus.application.port.out;

import se.plus.application.port.in.EntryPoint;
import se.plus.domain.event.DomainEvent;

/**
 * Publishes state changes to integrators. Called inside the transaction of the change: an
 * implementation must take part in it, so that the change and its event commit together or not at all
 * (it writes the event to the outbox, and the event is sent after the commit). Called outside a
 * transaction (an event about something that has already happened, with nothing to store), the event is
 * written and sent on its own.
 */
public interface ServiceEvents {

    void publish(DomainEvent event, EntryPoint source);
}
