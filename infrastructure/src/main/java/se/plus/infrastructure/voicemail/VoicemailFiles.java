package se.plus.infrastructure.voicemail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import se.plus.domain.number.Extension;

/**
 * The audio of the messages: {@code <root>/<mailbox>/<id>.wav}. Paths are built only from an extension
 * (digits) and an id of our own form, so nothing from a request can name a file elsewhere.
 */
final class VoicemailFiles {

    private static final Logger LOG = Logger.getLogger(VoicemailFiles.class.getName());
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path root;

    VoicemailFiles(Path root) {
        this.root = root;
    }

    /** Whether {@code id} has the form of our ids; anything else is no message. */
    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Writes the file under a temporary name and moves it into place, so a reader never sees half a
     * message and a crash mid-write leaves only a {@code .part} file.
     */
    void write(Extension mailbox, String id, byte[] wav) {
        Path file = file(mailbox, id);
        try {
            Files.createDirectories(file.getParent());
            Path part = file.resolveSibling(id + ".part");
            Files.write(part, wav);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException failed) {
            throw new UncheckedIOException("voicemail file " + file + " could not be written", failed);
        }
    }

    Optional<byte[]> read(Extension mailbox, String id) {
        try {
            return Optional.of(Files.readAllBytes(file(mailbox, id)));
        } catch (java.nio.file.NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException failed) {
            throw new UncheckedIOException("voicemail file of " + id + " could not be read", failed);
        }
    }

    /** Best effort: a file that cannot be deleted is logged, never a reason to fail the change. */
    void delete(Extension mailbox, String id) {
        try {
            Files.deleteIfExists(file(mailbox, id));
        } catch (IOException failed) {
            LOG.log(Level.WARNING, "voicemail file of " + id + " could not be deleted", failed);
        }
    }

    /** Every file of the mailbox and its folder. */
    void deleteMailbox(Extension mailbox) {
        Path folder = root.resolve(mailbox.digits());
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException failed) {
            LOG.log(Level.WARNING, "voicemail folder " + folder + " could not be deleted", failed);
        }
    }

    Path file(Extension mailbox, String id) {
        if (!isId(id)) {
            throw new IllegalArgumentException("not a voicemail id: " + id);
        }
        return root.resolve(mailbox.digits()).resolve(id + ".wav");
    }
}
