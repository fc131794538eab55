package se.plus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SIP stack lives exactly as long as the deployment: no thread and no socket outlive it. */
@ExtendWith(ArquillianExtension.class)
class SipLifecycleIT {

    private static final String EAR = "plus-lifecycle";

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    ManagementClient management;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void undeployReleasesThePortAndEverySipThreadAndRedeployServesAgain() throws Exception {
        Set<String> before = threadNames();

        deployer.deploy(EAR);
        assertEquals("SIP/2.0 200 OK", SipProbe.options(PlusServer.sipPort(), 3000));
        Set<String> sipThreads = new HashSet<>(threadNames());
        sipThreads.removeAll(before);
        sipThreads.removeIf(name -> !looksLikeSipStack(name));
        assertTrue(!sipThreads.isEmpty(), "expected JAIN-SIP threads while deployed, saw none");

        deployer.undeploy(EAR);
        assertNull(SipProbe.options(PlusServer.sipPort(), 1000), "something still answers SIP after undeploy");
        Set<String> left = threadNames();
        left.retainAll(sipThreads);
        assertTrue(left.isEmpty(), "SIP threads left after undeploy: " + left);
        try (var udp = new DatagramSocket(PlusServer.sipPort(), InetAddress.getLoopbackAddress());
             var tcp = new ServerSocket(PlusServer.sipPort(), 1, InetAddress.getLoopbackAddress())) {
            assertTrue(udp.isBound() && tcp.isBound());
        }

        deployer.deploy(EAR);
        try {
            assertEquals("SIP/2.0 200 OK", SipProbe.options(PlusServer.sipPort(), 3000));
        } finally {
            deployer.undeploy(EAR);
        }
    }

    private static boolean looksLikeSipStack(String threadName) {
        String name = threadName.toLowerCase();
        return name.contains("sip") || name.contains("udp") || name.contains("tcp") || name.contains("messageprocessor");
    }

    private Set<String> threadNames() throws Exception {
        var op = new ModelNode();
        op.get("address").add("core-service", "platform-mbean").add("type", "threading");
        op.get("operation").set("dump-all-threads");
        op.get("locked-monitors").set(false);
        op.get("locked-synchronizers").set(false);
        ModelNode result = management.getControllerClient().execute(op);
        assertEquals("success", result.get("outcome").asString(), result.toString());
        var names = new HashSet<String>();
        for (ModelNode thread : result.get("result").asList()) {
            names.add(thread.get("thread-name").asString());
        }
        return names;
    }
}
