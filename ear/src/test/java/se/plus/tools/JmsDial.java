package se.plus.tools;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The smallest JMS integrator: sends one command to {@code plus.commands} and prints the reply. What the
 * README's "Connecting as a JMS integrator" describes, runnable:
 *
 * <pre>./mvnw -q -pl ear test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=se.plus.tools.JmsDial \
 *     -Dexec.args="1001 *21*0701234567#"</pre>
 *
 * Arguments: {@code <extension> <digits> [TERMINAL|MOBILE]}, or {@code --json '<command JSON>'}. Options
 * (before them): {@code --url}, {@code --user}, {@code --password}, {@code --timeout <seconds>}; the
 * defaults are those of the run command. Exit status 0 for DONE, 1 for any other reply, 2 for none.
 */
public final class JmsDial {

    static final String DEFAULT_URL = "tcp://127.0.0.1:8080?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor"
            + "&activemqServerName=default&enable1xPrefixes=true";

    public static void main(String[] args) throws Exception {
        String url = DEFAULT_URL;
        String user = "integrator";
        String password = "integrator-dev";
        long timeoutSeconds = 10;
        int i = 0;
        while (i < args.length && args[i].startsWith("--") && !args[i].equals("--json")) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[++i]);
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        String command;
        if (i < args.length && args[i].equals("--json") && i + 1 < args.length) {
            command = args[i + 1];
        } else if (args.length - i == 2 || args.length - i == 3) {
            command = Json.createObjectBuilder()
                    .add("extension", args[i])
                    .add("digits", args[i + 1])
                    .add("device", args.length - i == 3 ? args[i + 2] : "TERMINAL")
                    .build().toString();
        } else {
            usage("give <extension> <digits> [TERMINAL|MOBILE], or --json '<command>'");
            return;
        }
        System.exit(send(url, user, password, command, timeoutSeconds));
    }

    static int send(String url, String user, String password, String command, long timeoutSeconds) throws Exception {
        try (var factory = new ActiveMQConnectionFactory(url);
             JMSContext jms = factory.createContext(user, password)) {
            var replies = jms.createTemporaryQueue();
            var consumer = jms.createConsumer(replies);
            TextMessage request = jms.createTextMessage(command);
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID(UUID.randomUUID().toString());
            request.setStringProperty("JMSXUserID", user);
            System.out.println("-> " + command);
            jms.createProducer().send(jms.createQueue("plus.commands"), request);
            var reply = (TextMessage) consumer.receive(timeoutSeconds * 1000);
            if (reply == null) {
                System.out.println("no reply within " + timeoutSeconds + " s");
                return 2;
            }
            System.out.println("<- " + reply.getText());
            return "DONE".equals(reply.getStringProperty("outcome")) ? 0 : 1;
        } catch (JMSRuntimeException unreachable) {
            System.out.println("could not talk to " + url + ": " + unreachable.getMessage());
            return 2;
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: JmsDial [--url U] [--user U] [--password P] [--timeout S] <extension> <digits> [TERMINAL|MOBILE]");
        System.err.println("       JmsDial [options] --json '{\"extension\":\"1001\",\"command\":\"GET_SERVICES\"}'");
        System.exit(2);
    }
}
