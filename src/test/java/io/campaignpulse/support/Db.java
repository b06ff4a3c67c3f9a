package io.campaignpulse.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the test database directly, to check what was really committed (not what the API says).
 * Plain JDBC: this is test code, never the request path.
 */
public final class Db {

    private Db() {
    }

    public static long count(String sql, Object... params) {
        return ((Number) single(sql, params).values().iterator().next()).longValue();
    }

    public static Map<String, Object> single(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.get(0);
    }

    public static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                        row.put(rs.getMetaData().getColumnLabel(col), rs.getObject(col));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection connect() throws SQLException {
        // The direct URL, never a proxy a test may have put in front of the application's pool.
        String url = System.getenv().getOrDefault("PULSE_TEST_DATABASE_URL", "postgresql://127.0.0.1:5432/test");
        String user = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        return DriverManager.getConnection("jdbc:" + url, user, "");
    }
}
