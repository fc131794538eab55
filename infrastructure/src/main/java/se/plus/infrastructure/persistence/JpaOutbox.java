package se.plus.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import se.plus.application.port.out.Outbox;

/**
 * The outbox in the database the changes are stored in. Numbers each extension's events when the relay
 * first reads them rather than when they are written: the relay is the only writer of the sequences, so
 * changes never wait for one another on a counter, and the numbers follow the order of publication.
 * One relay per database at a time: the holder of the lease in {@code outbox_relay} (README, "Events").
 */
@ApplicationScoped
class JpaOutbox implements Outbox {

    @PersistenceContext(unitName = "plus")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/PlusDS")
    DataSource database;

    @Override
    @Transactional(TxType.MANDATORY)
    public void append(Entry entry) {
        var row = new OutboxEntity();
        row.eventId = entry.eventId();
        row.extension = entry.extension();
        row.type = entry.type();
        row.source = entry.source();
        row.payload = entry.payload();
        em.persist(row);
    }

    /**
     * Plain JDBC with batched writes: numbering a batch costs a handful of statements rather than three
     * per row. Row by row, the relay fell behind on PostgreSQL at ~300 changes/s, each round trip waiting
     * for a core among the request threads (BENCHMARKS.md, "The outbox relay on PostgreSQL").
     */
    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public List<Pending> next(int limit) {
        try (Connection connection = database.getConnection()) {
            return numbered(connection, oldest(connection, limit));
        } catch (SQLException failure) {
            throw new IllegalStateException("outbox not read", failure);
        }
    }

    private static List<Row> oldest(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select id, event_id, extension, type, source, "
                + "payload, sequence from outbox order by id fetch first ? rows only")) {
            select.setInt(1, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    long number = found.getLong(7);
                    Long sequence = found.wasNull() ? null : number;
                    rows.add(new Row(found.getLong(1), sequence, new Entry(found.getString(2), found.getString(3),
                            found.getString(4), found.getString(5), found.getString(6))));
                }
            }
            return rows;
        }
    }

    /** The rows, those read for the first time given the next numbers of their extensions, which are kept. */
    private static List<Pending> numbered(Connection connection, List<Row> rows) throws SQLException {
        Set<String> extensions = new LinkedHashSet<>();
        for (Row row : rows) {
            if (row.sequence() == null) {
                extensions.add(row.entry().extension());
            }
        }
        Map<String, Long> stored = extensions.isEmpty() ? Map.of() : lastSequences(connection, extensions);
        Map<String, Long> last = new HashMap<>(stored);
        List<Pending> pending = new ArrayList<>();
        List<Object[]> numbers = new ArrayList<>();
        for (Row row : rows) {
            long sequence = row.sequence() != null ? row.sequence() : last.merge(row.entry().extension(), 1L, Long::sum);
            if (row.sequence() == null) {
                numbers.add(new Object[] {sequence, row.id()});
            }
            pending.add(new Pending(row.id(), sequence, row.entry()));
        }
        List<Object[]> moved = new ArrayList<>();
        List<Object[]> started = new ArrayList<>();
        for (String extension : extensions) {
            (stored.containsKey(extension) ? moved : started).add(new Object[] {last.get(extension), extension});
        }
        execute(connection, "update outbox set sequence = ? where id = ?", numbers);
        execute(connection, "update event_sequences set last_sequence = ? where extension = ?", moved);
        execute(connection, "insert into event_sequences (last_sequence, extension) values (?, ?)", started);
        return pending;
    }

    /**
     * The statement once for each set of parameters: in one batch (one round trip) when there are
     * several, without a batch for one, the usual case when the relay is woken by each commit: H2's
     * executeBatch builds an SQLException, stack trace and all, on every call (persistence.xml).
     */
    private static void execute(Connection connection, String sql, List<Object[]> parameterSets) throws SQLException {
        if (parameterSets.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] parameters : parameterSets) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                if (parameterSets.size() > 1) {
                    statement.addBatch();
                }
            }
            if (parameterSets.size() > 1) {
                statement.executeBatch();
            } else {
                statement.executeUpdate();
            }
        }
    }

    private static Map<String, Long> lastSequences(Connection connection, Set<String> extensions) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(extensions.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(
                "select extension, last_sequence from event_sequences where extension in (" + marks + ")")) {
            int index = 1;
            for (String extension : extensions) {
                select.setString(index++, extension);
            }
            Map<String, Long> found = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getLong(2));
                }
            }
            return found;
        }
    }

    /** An outbox row as the relay reads it; {@code sequence} null until numbered. */
    private record Row(long id, Long sequence, Entry entry) {
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public long waiting() {
        return em.createQuery("select count(o) from OutboxEntity o", Long.class).getSingleResult();
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public void sent(List<Long> ids) {
        if (!ids.isEmpty()) {
            em.createQuery("delete from OutboxEntity o where o.id in :ids").setParameter("ids", ids).executeUpdate();
        }
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claimRelay(String node, Instant now, Instant until) {
        // One conditional update: the database's row lock decides between nodes claiming at once.
        return em.createNativeQuery("update outbox_relay set holder = ?, lease_until = ? "
                        + "where id = 1 and (holder is null or holder = ? or lease_until < ?)")
                .setParameter(1, node)
                .setParameter(2, until.toEpochMilli())
                .setParameter(3, node)
                .setParameter(4, now.toEpochMilli())
                .executeUpdate() == 1;
    }
}
