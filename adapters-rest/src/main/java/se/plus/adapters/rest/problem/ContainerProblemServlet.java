package se.plus.adapters.rest.problem;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The body of the 401/403 the container sends before JAX-RS is reached (web.xml error pages). */
@WebServlet("/problem/*")
public class ContainerProblemServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute("jakarta.servlet.error.status_code");
        int code = status instanceof Integer ? (Integer) status : HttpServletResponse.SC_NOT_FOUND;
        String body;
        if (code == HttpServletResponse.SC_UNAUTHORIZED) {
            body = Problem.response(401, "Unauthorized", "UNAUTHORIZED", "log in with HTTP Basic").getEntity().toString();
        } else if (code == HttpServletResponse.SC_FORBIDDEN) {
            body = Problem.response(403, "Forbidden", "FORBIDDEN", "not allowed").getEntity().toString();
        } else {
            code = HttpServletResponse.SC_NOT_FOUND;
            body = Problem.response(404, "Not Found", "NOT_FOUND", "no such resource").getEntity().toString();
        }
        response.setStatus(code);
        response.setContentType(Problem.MEDIA_TYPE);
        response.getWriter().write(body);
    }
}
