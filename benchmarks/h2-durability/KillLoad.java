import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The write pattern of the server's changes, on H2 alone: 16 writers each lock one of 20 user rows, update
 * it, add an audit row with a target no other commit has and an outbox row, and commit; a relay deletes
 * outbox rows in batches. Each target is printed only after its commit returned, so whatever this prints
 * before a kill -9 was committed. {@code KillCheck} then reads what the database kept.
 *
 * <p>Usage: {@code java -cp h2.jar KillLoad.java <jdbc url>} (runs until killed).
 */
public class KillLoad {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        var committed = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            var schema = c.createStatement();
            schema.execute("create table users(id int primary key, version int, forward varchar)");
            schema.execute("create table audit(id bigint auto_increment primary key, ext int, target varchar unique)");
            schema.execute("create table outbox(id bigint auto_increment primary key, payload varchar)");
            for (int i = 0; i < 20; i++) {
                schema.execute("insert into users values(" + i + ", 0, 'none')");
            }
        }
        committed.println("READY");
        for (int writer = 0; writer < 16; writer++) {
            int id = writer;
            new Thread(() -> write(url, id, committed)).start();
        }
        new Thread(() -> relay(url)).start();
    }

    private static void write(String url, int writer, PrintStream committed) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            PreparedStatement lock = c.prepareStatement("select version from users where id = ? for update");
            PreparedStatement change = c.prepareStatement("update users set version = ?, forward = ? where id = ?");
            PreparedStatement audit = c.prepareStatement("insert into audit(ext, target) values(?, ?)");
            PreparedStatement outbox = c.prepareStatement("insert into outbox(payload) values(?)");
            for (long n = 0; ; n++) {
                String target = "t" + writer + "-" + n;
                int user = ThreadLocalRandom.current().nextInt(20);
                try {
                    lock.setInt(1, user);
                    int version;
                    try (ResultSet row = lock.executeQuery()) {
                        row.next();
                        version = row.getInt(1);
                    }
                    change.setInt(1, version + 1);
                    change.setString(2, target);
                    change.setInt(3, user);
                    change.executeUpdate();
                    audit.setInt(1, user);
                    audit.setString(2, target);
                    audit.executeUpdate();
                    outbox.setString(1, "event of " + target);
                    outbox.executeUpdate();
                    c.commit();
                    committed.println(target);
                } catch (SQLException failed) {
                    c.rollback();
                }
            }
        } catch (SQLException | RuntimeException ended) {
            System.err.println("writer " + writer + ": " + ended);
        }
    }

    private static void relay(String url) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            PreparedStatement batch = c.prepareStatement("select id from outbox order by id limit 50");
            PreparedStatement published = c.prepareStatement("delete from outbox where id = ?");
            while (true) {
                int rows = 0;
                try (ResultSet row = batch.executeQuery()) {
                    while (row.next()) {
                        published.setLong(1, row.getLong(1));
                        published.addBatch();
                        rows++;
                    }
                }
                if (rows > 0) {
                    published.executeBatch();
                }
                c.commit();
                if (rows == 0) {
                    Thread.sleep(5);
                }
            }
        } catch (SQLException | InterruptedException | RuntimeException ended) {
            System.err.println("relay: " + ended);
        }
    }
}
