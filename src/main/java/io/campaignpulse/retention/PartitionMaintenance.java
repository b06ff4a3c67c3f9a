package io.campaignpulse.retention;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.campaignpulse.db.Timestamps;
import io.campaignpulse.event.EventWriter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the time partitions of {@code event} and {@code dead_letter} (migration V9) and applies retention, on one
 * replica at a time (a session advisory lock, tried, never waited for). One run:
 * <ol>
 * <li>creates the partitions from the previous interval to pulse.retention.partitions-ahead intervals ahead, and one
 * for every interval the default partition holds rows of (up to that same end), moving those rows in;</li>
 * <li>drops every partition that ends at or before now - pulse.retention.events (dead letters: -dead-letters), and
 * with an event partition moves the dedup horizon (retention_horizon) to its end, in the same transaction: from its
 * commit on, ingest refuses events before it as expired.</li>
 * </ol>
 * Each step is a transaction of its own with lock_timeout set, so a step that cannot get a lock quickly gives up
 * (reported as skipped, tried again next run) instead of making ingest and reads queue behind it. The steps that
 * touch {@code event} take the ingest lock first: no ingest transaction is in flight while rows move out of the
 * default partition or a partition goes with the horizon, so none can store an event on either side of them.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);

    /** Held (session level) by the replica running maintenance; other replicas skip their run. */
    static final long MAINTENANCE_LOCK_KEY = 0x50554c5346L; // "PULSF", next to the ingest lock's "PULSE"

    private final Mutiny.SessionFactory sessionFactory;
    private final EventWriter events;
    private final RetentionConfig config;

    public PartitionMaintenance(Mutiny.SessionFactory sessionFactory, EventWriter events, RetentionConfig config) {
        this.sessionFactory = sessionFactory;
        this.events = events;
        this.config = config;
    }

    /** One maintenance run; fails with {@link MaintenanceRunningException} while another run holds the lock. */
    public Uni<MaintenanceReport> run() {
        // a session of its own (not the context's): it holds the lock while each step runs in its own transaction
        return sessionFactory.openSession().chain(lockHolder -> lockHolder
                .createNativeQuery("select pg_try_advisory_lock(" + MAINTENANCE_LOCK_KEY + ")", Boolean.class)
                .getSingleResult()
                .chain(locked -> locked
                        ? maintain().call(() -> lockHolder
                                .createNativeQuery("select pg_advisory_unlock(" + MAINTENANCE_LOCK_KEY + ")", Boolean.class)
                                .getSingleResult())
                        : Uni.createFrom().<MaintenanceReport> failure(new MaintenanceRunningException()))
                .eventually(lockHolder::close));
    }

    private Uni<MaintenanceReport> maintain() {
        Changes changes = new Changes();
        // the database's clock, the one the horizon and the partition bounds are compared with
        return inTransaction(session -> session.createNativeQuery("select now()", Object.class).getSingleResult())
                .map(Timestamps::instant)
                .chain(now -> maintain(PartitionedTable.EVENTS, now, now.minus(config.events()), changes)
                        .chain(() -> maintain(PartitionedTable.DEAD_LETTERS, now, now.minus(config.deadLetters()), changes))
                        .chain(() -> inTransaction(session -> session.createNativeQuery(RetentionStatus.HORIZON, Object.class)
                                .getSingleResultOrNull()))
                        .map(horizon -> new MaintenanceReport(now, horizon == null ? null : Timestamps.instant(horizon),
                                List.copyOf(changes.created), List.copyOf(changes.dropped), List.copyOf(changes.skipped))));
    }

    private Uni<Void> maintain(PartitionedTable table, Instant now, Instant expiredBefore, Changes changes) {
        PartitionInterval interval = config.partitionInterval();
        Instant current = interval.floor(now);
        Instant end = current;
        for (int i = 0; i <= config.partitionsAhead(); i++) {
            end = interval.next(end);
        }
        Instant until = end;
        return intervalsInDefault(table, interval, until)
                .chain(inDefault -> partitions(table).chain(existing -> {
                    TreeSet<Instant> starts = new TreeSet<>(inDefault);
                    for (Instant start = interval.previous(current); start.isBefore(until); start = interval.next(start)) {
                        starts.add(start);
                    }
                    List<Range> wanted = new ArrayList<>();
                    for (Instant start : starts) {
                        wanted.addAll(uncovered(new Range(null, start, interval.next(start)), existing));
                    }
                    return inSteps(wanted, range -> create(table, range, changes));
                }))
                .chain(() -> partitions(table))
                .chain(existing -> inSteps(existing.stream().filter(p -> !p.to.isAfter(expiredBefore)).toList(),
                        partition -> drop(table, partition, changes)));
    }

    /** The parts of {@code wanted} no existing partition covers (existing bounds may differ after an interval change). */
    static List<Range> uncovered(Range wanted, List<Range> existing) {
        List<Range> sorted = new ArrayList<>(existing);
        sorted.sort(Comparator.comparing(Range::from));
        List<Range> gaps = new ArrayList<>();
        Instant cursor = wanted.from;
        for (Range partition : sorted) {
            if (!partition.to.isAfter(cursor) || !partition.from.isBefore(wanted.to)) {
                continue;
            }
            if (partition.from.isAfter(cursor)) {
                gaps.add(new Range(null, cursor, partition.from));
            }
            if (partition.to.isAfter(cursor)) {
                cursor = partition.to;
            }
        }
        if (cursor.isBefore(wanted.to)) {
            gaps.add(new Range(null, cursor, wanted.to));
        }
        return gaps;
    }

    private Uni<Void> create(PartitionedTable table, Range range, Changes changes) {
        return step("create " + table.table() + " [" + range.from + ", " + range.to + ")", changes,
                () -> inTransaction(session -> lockIngest(table, session).chain(() -> session
                        .createNativeQuery("select partition_name, moved_rows from pulse_create_partition(cast(:parent as regclass), :key, :from, :to)",
                                Object[].class)
                        .setParameter("parent", table.table())
                        .setParameter("key", table.keyColumn())
                        .setParameter("from", utc(range.from))
                        .setParameter("to", utc(range.to))
                        .getSingleResult()))
                        .invoke(row -> {
                            PartitionChange created = new PartitionChange(table, (String) row[0], range.from, range.to,
                                    ((Number) row[1]).longValue());
                            changes.created.add(created);
                            LOG.infof("Created partition %s [%s, %s), %d rows moved in from the default partition", created.partition(),
                                    range.from, range.to, created.rows());
                        }));
    }

    private Uni<Void> drop(PartitionedTable table, Range partition, Changes changes) {
        return step("drop " + partition.name + " [" + partition.from + ", " + partition.to + ")", changes,
                () -> inTransaction(session -> lockIngest(table, session).chain(() -> session
                        .createNativeQuery("select pulse_drop_partition(cast(:partition as regclass))", Long.class)
                        .setParameter("partition", partition.name)
                        .getSingleResult())
                        .call(rows -> table != PartitionedTable.EVENTS ? Uni.createFrom().voidItem()
                                : session.createNativeQuery("update retention_horizon set events_expired_before = greatest(events_expired_before, :to)")
                                        .setParameter("to", utc(partition.to))
                                        .executeUpdate()))
                        .invoke(rows -> {
                            changes.dropped.add(new PartitionChange(table, partition.name, partition.from, partition.to, rows));
                            LOG.infof("Dropped partition %s [%s, %s) with about %d rows (retention)", partition.name, partition.from,
                                    partition.to, rows);
                        }));
    }

    /**
     * The ingest lock, for a step on {@code event}: waited for no longer than the lock timeout, like every lock of the
     * step, so ingest waits at most that long plus the step itself (a move of the default partition's few rows, or a drop).
     */
    private Uni<Void> lockIngest(PartitionedTable table, Mutiny.Session session) {
        return table == PartitionedTable.EVENTS ? events.lockForIngest(session) : Uni.createFrom().voidItem();
    }

    /** Runs a step; its failure is reported as skipped and does not stop the run. */
    private static <T> Uni<Void> step(String what, Changes changes, Supplier<Uni<T>> work) {
        return Uni.createFrom().<T> deferred(work::get)
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    String reason = what + ": " + rootMessage(failure);
                    LOG.warnf("Partition maintenance skipped %s; the next run tries again", reason);
                    changes.skipped.add(reason);
                    return null;
                });
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The time partitions of a table (the default partition left out). */
    private Uni<List<Range>> partitions(PartitionedTable table) {
        return inTransaction(session -> session
                .createNativeQuery("select cast(partition as text), from_at, to_at from pulse_partitions(cast(:parent as regclass))"
                        + " where from_at is not null order by from_at", Object[].class)
                .setParameter("parent", table.table())
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new Range((String) row[0], Timestamps.instant(row[1]), Timestamps.instant(row[2])))
                        .toList());
    }

    /** The starts of the intervals the default partition holds rows of, before {@code until}. */
    private Uni<List<Instant>> intervalsInDefault(PartitionedTable table, PartitionInterval interval, Instant until) {
        // names from the enum, never from input
        String sql = "select distinct date_trunc('" + interval.name().toLowerCase(java.util.Locale.ROOT) + "', " + table.keyColumn()
                + ", 'UTC') from " + table.defaultPartition() + " where " + table.keyColumn() + " < :until";
        return inTransaction(session -> session.createNativeQuery(sql, Object.class)
                .setParameter("until", utc(until))
                .getResultList())
                .map(rows -> rows.stream().map(Timestamps::instant).toList());
    }

    private <T> Uni<T> inTransaction(java.util.function.Function<Mutiny.Session, Uni<T>> work) {
        String lockTimeout = config.lockTimeout().toMillis() + "ms";
        return sessionFactory.openSession().chain(session -> session.withTransaction(tx -> session
                .createNativeQuery("select set_config('lock_timeout', :timeout, true)", String.class)
                .setParameter("timeout", lockTimeout)
                .getSingleResult()
                .chain(() -> work.apply(session)))
                .eventually(session::close));
    }

    private static <T> Uni<Void> inSteps(List<T> items, java.util.function.Function<T, Uni<Void>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> step.apply(item))
                .collect().last()
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** A partition's time range [from, to); name is null for a range still to create. */
    record Range(String name, Instant from, Instant to) {
    }

    /** What a run did so far (its steps run one after the other). */
    private static final class Changes {
        final List<PartitionChange> created = Collections.synchronizedList(new ArrayList<>());
        final List<PartitionChange> dropped = Collections.synchronizedList(new ArrayList<>());
        final List<String> skipped = Collections.synchronizedList(new ArrayList<>());
    }
}
