package se.plus.domain.queue;

/** How a queue offers a call to its logged-in members; the queue's own business, not a plus service. */
public enum QueueStrategy {
    /** Every logged-in member rings at once. */
    RING_ALL,
    /** Members take turns. */
    ROUND_ROBIN,
    /** The member who has waited longest since their last call. */
    LONGEST_IDLE
}
