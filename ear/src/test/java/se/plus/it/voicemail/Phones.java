package se.plus.it.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sip.header.Header;
import javax.sip.message.Request;
import se.plus.it.PlusServer;
import se.plus.it.call.TestPhone;

/** The test phones of one voicemail test, registered as users made by {@code Rest.createUser}, closed after it. */
final class Phones implements AutoCloseable {

    private final List<TestPhone> phones = new ArrayList<>();

    TestPhone registered(String ext) throws Exception {
        var phone = new TestPhone(ext, ext + "-sip-pw", PlusServer.sipPort(), "udp");
        phones.add(phone);
        assertEquals(200, phone.register(300));
        return phone;
    }

    @Override
    public void close() {
        phones.forEach(TestPhone::close);
    }

    static String header(Request request, String name) {
        Header header = request.getHeader(name);
        return header == null ? "" : header.toString().trim();
    }

    static String body(Request request) {
        return request == null || request.getRawContent() == null ? ""
                : new String(request.getRawContent(), StandardCharsets.UTF_8);
    }
}
