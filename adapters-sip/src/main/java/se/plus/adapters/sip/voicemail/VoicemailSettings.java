package se.plus.adapters.sip.voicemail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The built-in voicemail's settings (system property or environment variable, as every setting). */
@ApplicationScoped
public class VoicemailSettings {

    @Inject
    @ConfigProperty(name = "plus.voicemail.max-seconds", defaultValue = "120")
    int maxSeconds;

    /** The longest message; the caller is then sent BYE. */
    public Duration maxLength() {
        if (maxSeconds < 1 || maxSeconds > 3600) {
            throw new IllegalArgumentException("plus.voicemail.max-seconds must be 1–3600: " + maxSeconds);
        }
        return Duration.ofSeconds(maxSeconds);
    }
}
