package se.plus.adapters.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.out.ServiceEvents;
import se.plus.domain.event.DomainEvent;

/**
 * Publishes each state change to {@code plus.events} through the server's XA pooled connection factory
 * (the default of an injected JMSContext), so the message is part of the transaction of the change:
 * rolled back with it, sent only when it commits.
 */
@ApplicationScoped
class JmsServiceEvents implements ServiceEvents {

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/topic/plus.events")
    Topic events;

    @Override
    public void publish(DomainEvent event, EntryPoint source) {
        JMSProducer producer = jms.createProducer().setProperty("type", event.type())
                .setProperty("extension", event.extension().digits())
                .setProperty("source", source.name());
        producer.send(events, EventJson.of(event, source));
    }
}
