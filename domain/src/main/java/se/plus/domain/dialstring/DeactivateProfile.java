package se.plus.domain.dialstring;

/** {@code #24}: back to profile 1, "Available", until further notice. */
public record DeactivateProfile() implements ServiceCommand {

    @Override
    public String service() {
        return "PROFILE";
    }

    @Override
    public String action() {
        return "DEACTIVATE";
    }
}
