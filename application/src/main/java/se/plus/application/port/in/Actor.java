package se.plus.application.port.in;

import java.util.Objects;

/** Who asked for a change, and through which entry point: an extension, an admin's login, a JMS user. */
public record Actor(String name, EntryPoint via) {

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(via, "via");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an actor has a name");
        }
    }

    public static Actor timer() {
        return new Actor("timer", EntryPoint.TIMER);
    }
}
