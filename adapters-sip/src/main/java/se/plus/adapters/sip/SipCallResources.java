package se.plus.adapters.sip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import se.plus.application.port.out.CallResources;

/** The SIP side's share of every call: what the B2BUA, the stack and the media relay hold. */
@ApplicationScoped
class SipCallResources implements CallResources {

    @Inject
    SipServer server;

    @Override
    public Map<String, Integer> inUse() {
        SipServer.CallCounters c = server.counters();
        return Map.of("sipCalls", c.sipCalls(), "mediaSessions", c.mediaSessions(), "mediaPorts", c.mediaPorts(),
                "sipDialogs", c.dialogs(), "sipServerTransactions", c.serverTransactions(),
                "sipClientTransactions", c.clientTransactions(), "voicemailRecordings", c.voicemailRecordings());
    }
}
