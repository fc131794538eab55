package se.plus.adapters.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import se.plus.application.port.out.Outbox.Pending;

/**
 * Sends a batch of outbox events to {@code plus.events} in one broker transaction. The broker is its
 * only resource (the database is read before and written after, each in a transaction of its own), so it
 * commits in one phase: one journal write for the batch rather than one per event.
 */
@ApplicationScoped
class EventBatches {

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/topic/plus.events")
    Topic events;

    @Transactional(TxType.REQUIRES_NEW)
    void send(List<Pending> batch) {
        for (Pending pending : batch) {
            var entry = pending.entry();
            jms.createProducer()
                    .setProperty("id", entry.eventId())
                    .setProperty("sequence", pending.sequence())
                    .setProperty("type", entry.type())
                    .setProperty("extension", entry.extension())
                    .setProperty("source", entry.source())
                    .send(events, EventJson.numbered(entry.payload(), entry.eventId(), pending.sequence()));
        }
    }
}
