package se.plus.adapters.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import se.plus.domain.number.Extension;

/**
 * Which extensions JMS commands may act for: {@code plus.jms.extensions} for every sender (default
 * {@code *}, all), narrowed or widened per integrator by {@code plus.jms.integrators.<user>.extensions}
 * for messages that name their user ({@code JMSXUserID}). Each value is {@code *}, a comma-separated
 * list of extensions, or {@code none}. A value that cannot be read allows nothing, with a warning: a
 * typo must not widen access.
 *
 * <p>Why "name their user": WildFly's broker authenticates every connection, but its security manager
 * gives Artemis no validated user, so the broker cannot stamp the sender on the message
 * (populate-validated-user has no effect there). JMSXUserID is therefore what the client says; the
 * per-integrator lists keep honest integrators to their extensions, the broker's authentication keeps
 * everybody else out (README, "Connecting as a JMS integrator").
 */
@ApplicationScoped
class Integrators {

    private static final Logger LOG = Logger.getLogger(Integrators.class.getName());

    @Inject
    Config config;

    static final String ALL_SENDERS = "plus.jms.extensions";

    boolean mayActFor(Optional<String> user, Extension extension) {
        Optional<String> configured = user.flatMap(u -> config.getOptionalValue(key(u), String.class))
                .or(() -> config.getOptionalValue(ALL_SENDERS, String.class));
        return scope(configured).allows(extension);
    }

    /** The setting that decides for this sender. */
    static String key(Optional<String> user) {
        return user.map(Integrators::key).orElse(ALL_SENDERS);
    }

    static String key(String user) {
        return "plus.jms.integrators." + user + ".extensions";
    }

    static Scope scope(Optional<String> configured) {
        String value = configured.map(String::trim).orElse("*");
        if (value.equals("*")) {
            return Scope.ALL;
        }
        if (value.equalsIgnoreCase("none")) {
            return new Scope(false, Set.of());
        }
        Set<String> listed = Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toSet());
        if (listed.stream().anyMatch(e -> !e.matches("[0-9]{2,6}"))) {
            LOG.warning(() -> "JMS integrator extensions '" + value + "' are not '*', 'none' or a list of"
                    + " extensions: nothing allowed");
            return new Scope(false, Set.of());
        }
        return new Scope(false, listed);
    }

    record Scope(boolean all, Set<String> extensions) {

        static final Scope ALL = new Scope(true, Set.of());

        boolean allows(Extension extension) {
            return all || extensions.contains(extension.digits());
        }
    }
}
