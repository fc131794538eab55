package se.plus.it.call;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.sip.ResponseEvent;
import javax.sip.message.Response;

/** One request sent and its final response awaited (provisional responses are passed over). */
final class Exchange implements ClientHandler {

    private final CompletableFuture<Response> finalResponse = new CompletableFuture<>();
    private final Consumer<Response> onFinal;

    Exchange(Consumer<Response> onFinal) {
        this.onFinal = onFinal;
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        if (response.getStatusCode() < 200) {
            return;
        }
        try {
            if (onFinal != null) {
                onFinal.accept(response);
            }
        } finally {
            finalResponse.complete(response);
        }
    }

    @Override
    public void onTimeout() {
        finalResponse.complete(null);
    }

    /** The final response, or null when none came in time. */
    Response await(Duration timeout) throws InterruptedException {
        try {
            return finalResponse.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            return null;
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        }
    }
}
