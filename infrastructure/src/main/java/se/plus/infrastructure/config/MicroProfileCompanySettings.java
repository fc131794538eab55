package se.plus.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.plus.application.port.out.CompanySettings;
import se.plus.domain.user.ForwardTargetPolicy;

/** Company settings from system properties / environment variables (README, "Settings"). */
@ApplicationScoped
class MicroProfileCompanySettings implements CompanySettings {

    @Inject
    @ConfigProperty(name = "plus.timezone", defaultValue = "Europe/Stockholm")
    String timezone;

    @Inject
    @ConfigProperty(name = "plus.sip.domain", defaultValue = "plus.local")
    String sipDomain;

    @Inject
    @ConfigProperty(name = "plus.trunk.uri")
    Optional<String> trunkUri;

    /** E.164 prefixes nobody may forward to; "none" bars nothing. */
    @Inject
    @ConfigProperty(name = "plus.forwarding.barred-prefixes", defaultValue = "+46900,+46939,+46944")
    String barredPrefixes;

    @Inject
    @ConfigProperty(name = "plus.forwarding.abroad", defaultValue = "true")
    boolean abroadAllowed;

    @Override
    public ForwardTargetPolicy forwardTargets() {
        List<String> prefixes = "none".equalsIgnoreCase(barredPrefixes.trim()) ? List.of()
                : Arrays.stream(barredPrefixes.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        return new ForwardTargetPolicy(prefixes, abroadAllowed, "+46");
    }

    @Override
    public boolean trunkAvailable() {
        return trunkUri.filter(uri -> !uri.isBlank()).isPresent();
    }

    @Override
    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    @Override
    public String sipRealm() {
        return sipDomain;
    }

    /** The one clock of the application: UTC instants; the company zone is applied by the rules. */
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
