package dev.faultline.store;

import dev.faultline.store.StoreSettings.Database;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faultline's database: check results (written in batches by {@link #writer()}, read by
 * {@link #results()}), their minute and hour rollups ({@link #rollups()}), the monitors and
 * maintenance windows created through the API ({@link #monitors()}, {@link #maintenance()}),
 * incidents, blips and the incident engine's state per monitor ({@link #incidents()},
 * {@link #blips()}, {@link #states()}) and the alert outbox ({@link #outbox()}). SQLite or
 * PostgreSQL with the same schema, migrated by Flyway when opened.
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private final Dialect.Connections connections;
    private final ResultWriter writer;
    private final BatchInsert batches;
    private final ResultQueries results;
    private final Rollups rollups;
    private final FleetRollups fleet;
    private final MonitorRepository monitors;
    private final IncidentRepository incidents;
    private final BlipRepository blips;
    private final MonitorStateRepository states;
    private final MaintenanceRepository maintenance;
    private final Retention retention;
    private final Outbox outbox;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final ApiTokenRepository apiTokens;
    private final ChannelRepository channels;
    private final AnomalyRepository anomalies;
    private final Jdbi writes;

    private Store(StoreSettings settings, Dialect dialect, Dialect.Connections connections) {
        this.connections = connections;
        Jdbi writes = Jdbi.create(connections.writes());
        Jdbi reads = Jdbi.create(connections.reads());
        this.batches = new BatchInsert(connections.writes(), dialect);
        this.writer = new ResultWriter(settings.writer(), batches::write);
        this.results = new ResultQueries(reads);
        this.rollups = new Rollups(reads);
        this.fleet = new FleetRollups(reads);
        this.monitors = new MonitorRepository(writes, reads, dialect);
        this.incidents = new IncidentRepository(writes, reads, dialect);
        this.blips = new BlipRepository(writes, reads, dialect);
        this.states = new MonitorStateRepository(writes, reads, dialect);
        this.maintenance = new MaintenanceRepository(writes, reads, dialect);
        this.retention = new Retention(writes, settings);
        this.outbox = new Outbox(writes, reads, dialect);
        this.users = new UserRepository(writes, reads);
        this.sessions = new SessionRepository(writes, reads);
        this.apiTokens = new ApiTokenRepository(writes, reads);
        this.channels = new ChannelRepository(writes, reads, dialect);
        this.anomalies = new AnomalyRepository(reads, dialect);
        this.writes = writes;
    }

    /** Opens (and creates or migrates) the database the settings name. */
    public static Store open(StoreSettings settings) {
        Dialect dialect = switch (settings.database()) {
            case Database.Sqlite sqlite -> new SqliteDialect(sqlite.dataDir());
            case Database.Postgres postgres -> new PostgresDialect(postgres.jdbcUrl(), postgres.schema());
        };
        migrate(dialect);
        Dialect.Connections connections = dialect.connect();
        try {
            return new Store(settings, dialect, connections);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    private static void migrate(Dialect dialect) {
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(dialect.migrationUrl(), null, null)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .failOnMissingLocations(true);
        dialect.schema().ifPresent(schema -> flyway.schemas(schema).createSchemas(true));
        var result = flyway.load().migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("store migrated to schema version {}", result.targetSchemaVersion);
        }
    }

    public ResultWriter writer() {
        return writer;
    }

    /**
     * Writes a remote agent's batch of results now, in one transaction with its id, unless a batch
     * with this id was written before: a batch sent again is stored once.
     *
     * @return false when the batch had been stored already
     */
    public boolean writeAgentBatch(String batchId, String region, java.util.List<dev.faultline.check.CheckResult> results,
                                   Instant receivedAt) {
        return batches.writeOnce(batchId, region, results, Micros.of(receivedAt));
    }

    /** Statements the result batches have prepared so far: kept from batch to batch on SQLite. */
    long statementsPrepared() {
        return batches.statementsPrepared();
    }

    public ResultQueries results() {
        return results;
    }

    public Rollups rollups() {
        return rollups;
    }

    /** Rollups of many monitors in one query: pages of the overview and status pages. */
    public FleetRollups fleet() {
        return fleet;
    }

    public MonitorRepository monitors() {
        return monitors;
    }

    public Outbox outbox() {
        return outbox;
    }

    /**
     * Runs {@code work} in one write transaction, committed when it returns and rolled back when it
     * throws: how a state change and the alerts that announce it are written together (the handle
     * goes to {@link Outbox#enqueue(Handle, java.util.List, Instant)}).
     */
    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
        return writes.inTransaction(work);
    }

    /** Alert channels created through the API, their credentials sealed. */
    public ChannelRepository channels() {
        return channels;
    }

    public IncidentRepository incidents() {
        return incidents;
    }

    public BlipRepository blips() {
        return blips;
    }

    /** The incident engine's state per monitor. */
    public MonitorStateRepository states() {
        return states;
    }

    /** Anomalies the trend detectors found, open and resolved. */
    public AnomalyRepository anomalies() {
        return anomalies;
    }

    /** Maintenance windows created through the API. */
    public MaintenanceRepository maintenance() {
        return maintenance;
    }

    /** The people who may sign in. */
    public UserRepository users() {
        return users;
    }

    /** Signed-in browsers. */
    public SessionRepository sessions() {
        return sessions;
    }

    /** API tokens made in the settings page. */
    public ApiTokenRepository apiTokens() {
        return apiTokens;
    }

    /**
     * Deletes results, minute rollups and hour rollups older than their retention before {@code now}.
     * The composition root calls it on a schedule (hourly is plenty).
     */
    public Pruned prune(Instant now) {
        return retention.prune(now);
    }

    /** Writes every queued result, then closes the connections. */
    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            connections.close();
        }
    }
}
