package se.plus.it;

import java.io.File;
import java.net.URI;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** Where the server under test listens, as the build configured it (ear/pom.xml, failsafe). */
public final class PlusServer {

    private PlusServer() {
    }

    /** The EAR exactly as `mvn package` built it: the tests deploy what users deploy. */
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    public static int portOffset() {
        return Integer.getInteger("it.port.offset", 0);
    }

    public static URI http(String path) {
        return URI.create("http://127.0.0.1:" + (8080 + portOffset()) + path);
    }

    public static int sipPort() {
        return Integer.getInteger("it.sip.port", 5060);
    }

    /** Where the test trunk listens: {@code plus.trunk.uri} is sip:127.0.0.2 on this port. */
    public static int trunkPort() {
        return Integer.getInteger("it.trunk.port", 5070);
    }

    public static String jmsUrl() {
        return "tcp://127.0.0.1:" + (8080 + portOffset())
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&activemqServerName=default"
                + "&enable1xPrefixes=true";
    }

    public static String jmsUser() {
        return System.getProperty("plus.jms.user");
    }

    public static String jmsPassword() {
        return System.getProperty("plus.jms.password");
    }
}
