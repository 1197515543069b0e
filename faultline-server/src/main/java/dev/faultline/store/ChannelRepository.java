package dev.faultline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The alert channels created through the API (the config file's are not stored: the file is
 * their source). Credentials arrive here sealed and leave sealed: this class never sees them.
 */
public final class ChannelRepository {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String COLUMNS = "name, type, severities, settings, sealed_secrets, created_at_us, updated_at_us";

    private final Jdbi writes;
    private final Jdbi reads;
    private final Dialect dialect;

    ChannelRepository(Jdbi writes, Jdbi reads, Dialect dialect) {
        this.writes = writes;
        this.reads = reads;
        this.dialect = dialect;
    }

    /** Every stored channel, by name. */
    public List<StoredChannel> all() {
        return reads.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM api_channels ORDER BY name")
                .map((rs, ctx) -> read(rs)).list());
    }

    public Optional<StoredChannel> find(String name) {
        return reads.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM api_channels WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> read(rs)).findOne());
    }

    /** False when a channel of that name is stored already. */
    public boolean insert(StoredChannel channel) {
        return writes.withHandle(handle -> handle.createUpdate("INSERT INTO api_channels (" + COLUMNS + ") VALUES (:name, :type, "
                        + dialect.json(":severities") + ", " + dialect.json(":settings") + ", :sealed, :created, :updated)"
                        + " ON CONFLICT (name) DO NOTHING")
                .bind("name", channel.name()).bind("type", channel.type()).bind("severities", write(channel.severities()))
                .bind("settings", write(channel.settings())).bind("sealed", channel.sealedSecrets())
                .bind("created", Micros.of(channel.createdAt())).bind("updated", Micros.of(channel.updatedAt()))
                .execute()) == 1;
    }

    /** Replaces the stored channel of that name (its creation time is kept); false when there is none. */
    public boolean update(StoredChannel channel) {
        return writes.withHandle(handle -> handle.createUpdate("UPDATE api_channels SET type = :type, severities = "
                        + dialect.json(":severities") + ", settings = " + dialect.json(":settings") + ", sealed_secrets = :sealed,"
                        + " updated_at_us = :updated WHERE name = :name")
                .bind("name", channel.name()).bind("type", channel.type()).bind("severities", write(channel.severities()))
                .bind("settings", write(channel.settings())).bind("sealed", channel.sealedSecrets())
                .bind("updated", Micros.of(channel.updatedAt())).execute()) == 1;
    }

    /** False when there was no such channel. */
    public boolean delete(String name) {
        return writes.withHandle(handle -> handle.createUpdate("DELETE FROM api_channels WHERE name = :name")
                .bind("name", name).execute()) == 1;
    }

    private static StoredChannel read(ResultSet rs) throws SQLException {
        try {
            return new StoredChannel(rs.getString("name"), rs.getString("type"),
                    JSON.readValue(rs.getString("severities"), new TypeReference<List<String>>() {}),
                    JSON.readValue(rs.getString("settings"), new TypeReference<Map<String, String>>() {}),
                    rs.getString("sealed_secrets"), Micros.instant(rs.getLong("created_at_us")),
                    Micros.instant(rs.getLong("updated_at_us")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable channel '" + rs.getString("name") + "' in the store", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
