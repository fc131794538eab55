package se.plus.it.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import se.plus.it.Rest;

/** What every refusal of the REST API must look like (contract: RFC 9457 problem+json with a code). */
final class Problems {

    private Problems() {
    }

    static void assertProblem(Rest.Answer answer, int status, String code) {
        String problem = problemIn(answer, status, code);
        assertTrue(problem == null, problem);
    }

    /** {@code null} when the answer is the expected problem, else what is wrong with it. */
    static String problemIn(Rest.Answer answer, int status, String code) {
        if (answer.status() != status) {
            return "status " + answer.status() + " instead of " + status + ": " + answer.body();
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "content type '" + answer.contentType() + "' instead of application/problem+json: " + answer.body();
        }
        if (answer.body().contains("Exception") || answer.body().contains("\tat ") || answer.body().contains(".java:")) {
            return "a stack trace or exception name leaks: " + answer.body();
        }
        try {
            var json = answer.json();
            if (json.getInt("status", -1) != status || json.getString("title", "").isBlank()
                    || json.getString("detail", "").isBlank() || !code.equals(json.getString("code", null))) {
                return "not a problem with status " + status + ", title, detail and code " + code + ": " + answer.body();
            }
        } catch (RuntimeException notJson) {
            return "not a JSON object: " + answer.body();
        }
        return null;
    }

    /** Collects refusals that were not as expected, so one run reports all of them. */
    static final class Expectations {
        private final List<String> failures = new ArrayList<>();

        void refused(String what, Rest.Answer answer, int status, String code) {
            String problem = problemIn(answer, status, code);
            if (problem != null) {
                failures.add(what + ": " + problem);
            }
        }

        void refusedWithDetail(String what, Rest.Answer answer, int status, String code, String detailMentions) {
            refused(what, answer, status, code);
            if (answer.status() == status && answer.contentType().startsWith("application/problem+json")
                    && !answer.json().getString("detail", "").toLowerCase().contains(detailMentions.toLowerCase())) {
                failures.add(what + ": the detail does not mention '" + detailMentions + "': " + answer.body());
            }
        }

        void check(String what, boolean ok, String detail) {
            if (!ok) {
                failures.add(what + ": " + detail);
            }
        }

        void assertNone() {
            assertTrue(failures.isEmpty(), failures.size() + " unexpected answers:\n" + String.join("\n", failures));
        }
    }
}
