package se.plus.application.port.out;

/**
 * One part the server needs in order to serve (the database, the SIP listener, ...). Each probe must
 * exercise the part itself, not a flag set at start-up: a listener thread can die while its flag says
 * "started".
 */
public interface ComponentProbe {

    String component();

    boolean isUp();
}
