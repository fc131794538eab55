package se.plus.domain.dialstring;

import java.util.Objects;
import se.plus.domain.number.PhoneNumber;

/** {@code *59*<n>}: the ongoing call goes straight to the voicemail of {@code <n>} (short numbers allowed). */
public record SendToVoicemail(PhoneNumber mailbox) implements ServiceCommand {

    public SendToVoicemail {
        Objects.requireNonNull(mailbox, "mailbox");
    }

    @Override
    public String service() {
        return "VOICEMAIL";
    }

    @Override
    public String action() {
        return "SEND";
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
