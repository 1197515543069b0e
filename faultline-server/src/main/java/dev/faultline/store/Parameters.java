package dev.faultline.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Sets a statement's parameters in order. The batch path binds through JDBC directly: with
 * about seventy values per result, jdbi's named binding cost more than the database's own work.
 */
final class Parameters {

    private final PreparedStatement statement;
    private int index;

    Parameters(PreparedStatement statement) {
        this.statement = statement;
    }

    void text(String value) throws SQLException {
        if (value == null) statement.setNull(++index, Types.VARCHAR);
        else statement.setString(++index, value);
    }

    void number(Long value) throws SQLException {
        if (value == null) statement.setNull(++index, Types.BIGINT);
        else statement.setLong(++index, value);
    }

    void number(long value) throws SQLException {
        statement.setLong(++index, value);
    }
}
