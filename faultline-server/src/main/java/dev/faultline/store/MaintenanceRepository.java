package dev.faultline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.json.Json;
import dev.faultline.json.MaintenanceWindowJson;
import dev.faultline.maintenance.MaintenanceWindow;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The maintenance windows created through the API (the config file's live in the file), as {@link MaintenanceWindowJson}. */
public final class MaintenanceRepository {

    private static final ObjectMapper JSON = Json.mapper();

    private final Jdbi writes;
    private final Jdbi reads;
    private final Dialect dialect;

    MaintenanceRepository(Jdbi writes, Jdbi reads, Dialect dialect) {
        this.writes = writes;
        this.reads = reads;
        this.dialect = dialect;
    }

    /** Every stored window, in name order. */
    public List<MaintenanceWindow> all() {
        return reads.withHandle(handle -> handle.createQuery("SELECT definition FROM maintenance_windows ORDER BY name")
                .map((rs, ctx) -> read(rs.getString("definition"))).list());
    }

    /** False, storing nothing, when a window of that name is stored already. */
    public boolean insert(MaintenanceWindow window) {
        return writes.withHandle(handle -> handle.createUpdate("INSERT INTO maintenance_windows (name, definition) VALUES (:name, "
                        + dialect.json(":definition") + ") ON CONFLICT (name) DO NOTHING")
                .bind("name", window.name()).bind("definition", write(window)).execute()) > 0;
    }

    /** False when there was no such window. */
    public boolean delete(String name) {
        return writes.withHandle(handle -> handle.createUpdate("DELETE FROM maintenance_windows WHERE name = :name")
                .bind("name", name).execute()) > 0;
    }

    private static String write(MaintenanceWindow window) {
        try {
            return JSON.writeValueAsString(MaintenanceWindowJson.of(window));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write maintenance window '" + window.name() + "' as JSON", e);
        }
    }

    private static MaintenanceWindow read(String definition) {
        try {
            return JSON.readValue(definition, MaintenanceWindowJson.class).toWindow();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable maintenance window in the store: " + definition, e);
        }
    }
}
