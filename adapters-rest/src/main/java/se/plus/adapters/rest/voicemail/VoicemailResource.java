package se.plus.adapters.rest.voicemail;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.json.Jsons;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ReadVoicemailUseCase;
import se.plus.application.port.out.VoicemailBox.Message;
import se.plus.domain.number.Extension;

/**
 * {@code GET /api/users/{ext}/voicemail}, {@code GET/DELETE .../voicemail/{id}}: the built-in voicemail.
 * A user reaches only their own mailbox (403 before anything is looked up), and an id is looked up in
 * the mailbox of the path, so another user's message is 404 like one that never was.
 */
@Path("users/{ext}/voicemail")
@RequestScoped
public class VoicemailResource {

    static final String AUDIO_WAV = "audio/wav";

    @Inject
    Caller caller;

    @Inject
    ReadVoicemailUseCase voicemail;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("ext") String ext) {
        Extension mailbox = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(mailbox);
        var array = Jsons.array();
        voicemail.list(mailbox).forEach(message -> array.add(json(message)));
        return Response.ok(array.build().toString()).build();
    }

    @GET
    @Path("{id}")
    @Produces({AUDIO_WAV, MediaType.APPLICATION_JSON})
    public Response audio(@PathParam("ext") String ext, @PathParam("id") String id) {
        Extension mailbox = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(mailbox);
        byte[] wav = voicemail.listen(mailbox, id).orElseThrow(() -> noMessage(id));
        return Response.ok(wav, AUDIO_WAV)
                .header("Content-Disposition", "attachment; filename=\"voicemail-" + id + ".wav\"")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("ext") String ext, @PathParam("id") String id) {
        Extension mailbox = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(mailbox);
        if (!voicemail.delete(mailbox, id)) {
            throw noMessage(id);
        }
        return Response.noContent().build();
    }

    private static Problem noMessage(String id) {
        return Problem.notFound("no voicemail message " + id);
    }

    private static JsonObjectBuilder json(Message message) {
        JsonObjectBuilder json = Jsons.object().add("id", message.id());
        message.from().ifPresentOrElse(f -> json.add("from", f.value()), () -> json.addNull("from"));
        return json.add("at", message.at().toString())
                .add("seconds", message.seconds())
                .add("new", !message.heard());
    }
}
