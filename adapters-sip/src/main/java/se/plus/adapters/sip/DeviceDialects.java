package se.plus.adapters.sip;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import se.plus.domain.dialstring.Dialect;

/**
 * Which dialect a device speaks (plus-services.md: a property of the device). Desk phones and
 * softphones are {@code TERMINAL}; a device is {@code MOBILE} when its User-Agent matches the
 * configured pattern (the FMC/mobile gateway that registers the users' mobile legs), or when its
 * extension is listed as one whose SIP account is a mobile leg.
 */
final class DeviceDialects {

    private final Pattern mobileUserAgents;
    private final Set<String> mobileExtensions;

    DeviceDialects(String mobileUserAgentPattern, String mobileExtensionList) {
        this.mobileUserAgents = mobileUserAgentPattern == null || mobileUserAgentPattern.isBlank()
                ? null : Pattern.compile(mobileUserAgentPattern);
        this.mobileExtensions = mobileExtensionList == null ? Set.of()
                : Arrays.stream(mobileExtensionList.split("[,\\s]+")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    Dialect of(String extension, String userAgent) {
        if (mobileExtensions.contains(extension)) {
            return Dialect.MOBILE;
        }
        if (mobileUserAgents != null && userAgent != null && mobileUserAgents.matcher(userAgent).find()) {
            return Dialect.MOBILE;
        }
        return Dialect.TERMINAL;
    }
}
