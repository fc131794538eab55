package se.plus.application.port.out;

import java.time.ZoneId;
import se.plus.domain.user.ForwardTargetPolicy;

/** Settings of the one company PBX this deployment serves. */
public interface CompanySettings {

    /** The company's local time, in which time specs of {@code *24*} are read. */
    ZoneId zone();

    /** The SIP digest realm (the SIP domain). */
    String sipRealm();

    /** A trunk (SIP gateway to the public network) is configured: calls to outside numbers are possible. */
    boolean trunkAvailable();

    /** The numbers nobody may forward calls to. */
    ForwardTargetPolicy forwardTargets();
}
