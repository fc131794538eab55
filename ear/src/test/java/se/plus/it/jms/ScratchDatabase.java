package se.plus.it.jms;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * A PostgreSQL database of a test's own on the test server (the PostgreSQL pass's), made empty for each
 * run: for servers the test starts itself, which must not share the Arquillian server's rows.
 */
public final class ScratchDatabase {

    private static final Logger LOG = Logger.getLogger(ScratchDatabase.class.getName());

    public static final String SERVER = System.getProperty("it.cluster.pg.server", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = setting("it.pg.user", "postgres");
    public static final String PASSWORD = setting("it.pg.password", "postgres");

    private ScratchDatabase() {
    }

    /** The JDBC URL of the named database. */
    public static String url(String name) {
        return SERVER + name;
    }

    /** Drops and creates the database; false when there is no PostgreSQL server to do it on. */
    public static boolean fresh(String name) {
        try (var connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
            return true;
        } catch (SQLException absent) {
            LOG.warning(() -> "no PostgreSQL at " + SERVER + ": " + absent.getMessage());
            return false;
        }
    }

    /** A build property, or the default where the build left it empty or unresolved (the H2 pass). */
    private static String setting(String name, String otherwise) {
        String value = System.getProperty(name, "");
        return value.isBlank() || value.startsWith("${") ? otherwise : value;
    }
}
