import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After a kill -9 of {@code KillLoad}: which of the targets it printed (committed) the database no longer
 * has, and whether what it has is consistent (one audit row per version step of the users).
 *
 * <p>Usage: {@code java -cp h2.jar KillCheck.java <jdbc url> <KillLoad's output>}; prints one line.
 */
public class KillCheck {

    public static void main(String[] args) throws Exception {
        List<String> committed = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            // The last line may have been cut by the kill: only whole targets count.
            if (line.matches("t\\d+-\\d+")) {
                committed.add(line);
            }
        }
        Set<String> kept = new HashSet<>();
        long versions;
        try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
            try (ResultSet row = c.createStatement().executeQuery("select target from audit")) {
                while (row.next()) {
                    kept.add(row.getString(1));
                }
            }
            try (ResultSet row = c.createStatement().executeQuery("select sum(version) from users")) {
                row.next();
                versions = row.getLong(1);
            }
        }
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < committed.size(); i++) {
            if (!kept.contains(committed.get(i))) {
                lost.add(committed.get(i) + " (" + (committed.size() - 1 - i) + " from the last)");
            }
        }
        System.out.println("committed=" + committed.size() + " kept=" + kept.size() + " lost=" + lost.size()
                + " consistent=" + (versions == kept.size()) + (lost.isEmpty() ? "" : " e.g. " + lost.subList(0, Math.min(5, lost.size()))));
    }
}
