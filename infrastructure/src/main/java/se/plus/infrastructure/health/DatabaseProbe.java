package se.plus.infrastructure.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import javax.sql.DataSource;
import se.plus.application.port.out.ComponentProbe;

@ApplicationScoped
class DatabaseProbe implements ComponentProbe {

    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/PlusDS")
    private DataSource dataSource;

    @Override
    public String component() {
        return "database";
    }

    @Override
    public boolean isUp() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException unreachable) {
            return false;
        }
    }
}
