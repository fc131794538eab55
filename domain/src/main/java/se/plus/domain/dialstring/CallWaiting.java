package se.plus.domain.dialstring;

/** {@code *43#} on, {@code #43#} off (3GPP TS 22.030). */
public record CallWaiting(boolean on) implements ServiceCommand {

    @Override
    public String service() {
        return "CALL_WAITING";
    }

    @Override
    public String action() {
        return on ? "ACTIVATE" : "DEACTIVATE";
    }
}
