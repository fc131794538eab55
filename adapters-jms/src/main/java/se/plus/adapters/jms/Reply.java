package se.plus.adapters.jms;

/**
 * The answer to one command message: its JSON, its {@code outcome} (also set as a message property for
 * selectors), and whether the message goes on to the dead-letter queue for an operator to see.
 */
record Reply(String json, String outcome, boolean deadLetter) {
}
