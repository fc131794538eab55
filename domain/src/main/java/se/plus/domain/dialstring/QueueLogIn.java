package se.plus.domain.dialstring;

import se.plus.domain.queue.Queue;

/** {@code *75*<q>}: log in to queue {@code <q>}. */
public record QueueLogIn(int queue) implements ServiceCommand {

    public QueueLogIn {
        if (queue < 1 || queue > Queue.MAX_NUMBER) {
            throw new IllegalArgumentException("queue numbers are 1–999999: " + queue);
        }
    }

    @Override
    public String service() {
        return "QUEUE";
    }

    @Override
    public String action() {
        return "LOG_IN";
    }
}
