package io.campaignpulse.deploy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The test database, as application.properties' %test profile names it, for tests that run the packaged service. */
final class TestDatabase {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private TestDatabase() {
    }

    /** The reactive URL form, e.g. postgresql://127.0.0.1:5432/pulse_k8s. */
    static String reactiveUrl() {
        String url = System.getenv("PULSE_TEST_DATABASE_URL");
        return url == null || url.isBlank() ? "postgresql://127.0.0.1:5432/test" : url;
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:" + reactiveUrl(), USER, PASSWORD);
    }
}
