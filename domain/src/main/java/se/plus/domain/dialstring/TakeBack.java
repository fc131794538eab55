package se.plus.domain.dialstring;

/** {@code *} keyed during an announced transfer: take the caller back. */
public record TakeBack() implements ServiceCommand {

    @Override
    public String service() {
        return "TRANSFER";
    }

    @Override
    public String action() {
        return "TAKE_BACK";
    }

    @Override
    public boolean requiresCall() {
        return true;
    }

    @Override
    public DialContext context() {
        return DialContext.IN_CALL;
    }
}
