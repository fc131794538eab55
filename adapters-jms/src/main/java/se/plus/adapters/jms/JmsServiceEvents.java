package se.plus.adapters.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.UUID;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.out.Outbox;
import se.plus.application.port.out.ServiceEvents;
import se.plus.domain.event.DomainEvent;

/**
 * Publishes each state change to {@code plus.events} through the outbox: the event's JSON is written in
 * the transaction of the change (so it exists if and only if the change committed), and the
 * {@link OutboxRelay} sends it after the commit, which wakes it. No two-phase commit with the broker.
 * Called outside a transaction, the event is written in one of its own.
 */
@ApplicationScoped
class JmsServiceEvents implements ServiceEvents {

    /** Marks a transaction whose commit already wakes the relay. */
    private static final Object WAKES_RELAY = new Object();

    @Inject
    Outbox outbox;

    @Inject
    OutboxSignal signal;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Override
    @Transactional
    public void publish(DomainEvent event, EntryPoint source) {
        outbox.append(new Outbox.Entry(UUID.randomUUID().toString(), event.extension().digits(), event.type(),
                source.name(), EventJson.of(event, source)));
        if (transactions.getResource(WAKES_RELAY) == null) {
            transactions.putResource(WAKES_RELAY, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        signal.committed();
                    }
                }
            });
        }
    }
}
