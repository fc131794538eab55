package se.plus.it.guide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command blocks of the README's "Deploying on your own WildFly" that a comment marks as run by
 * the test, exactly as written there (only the list item's indentation taken off), so that the guide
 * cannot say one thing while the test does another.
 */
final class ReadmeGuide {

    static final String SECTION = "## Deploying on your own WildFly";
    static final String MARK = "<!-- run by DeploymentGuideIT -->";

    private ReadmeGuide() {
    }

    static List<String> blocks(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf(SECTION);
        if (start < 0) {
            throw new IllegalStateException(readme + " has no section '" + SECTION + "'");
        }
        List<String> blocks = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (!lines.get(i).strip().equals(MARK)) {
                continue;
            }
            String fence = lines.get(++i);
            String indent = fence.substring(0, fence.indexOf("```"));
            if (!fence.strip().equals("```sh")) {
                throw new IllegalStateException("after '" + MARK + "' comes no ```sh block: " + fence);
            }
            var block = new StringBuilder();
            for (i++; !lines.get(i).strip().equals("```"); i++) {
                String line = lines.get(i);
                block.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
            }
            blocks.add(block.toString());
        }
        return blocks;
    }
}
