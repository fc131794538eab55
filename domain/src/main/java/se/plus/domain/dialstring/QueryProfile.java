package se.plus.domain.dialstring;

/** {@code *#24#}: which profile is active, and until when? */
public record QueryProfile() implements ServiceCommand {

    @Override
    public String service() {
        return "PROFILE";
    }

    @Override
    public String action() {
        return "QUERY";
    }
}
