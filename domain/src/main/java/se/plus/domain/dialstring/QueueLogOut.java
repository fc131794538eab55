package se.plus.domain.dialstring;

import se.plus.domain.queue.Queue;

/** {@code #75*<q>}: log out of queue {@code <q>}. */
public record QueueLogOut(int queue) implements ServiceCommand {

    public QueueLogOut {
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
        return "LOG_OUT";
    }
}
