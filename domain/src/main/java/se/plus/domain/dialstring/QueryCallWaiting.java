package se.plus.domain.dialstring;

/** {@code *#43#}: is call waiting on? */
public record QueryCallWaiting() implements ServiceCommand {

    @Override
    public String service() {
        return "CALL_WAITING";
    }

    @Override
    public String action() {
        return "QUERY";
    }
}
