package se.plus.application.port.in;

/** Through which door a change came in: recorded in the audit trail and on every event. */
public enum EntryPoint {
    SIP, REST, JMS, TIMER
}
