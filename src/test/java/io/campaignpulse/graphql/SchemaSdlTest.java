package io.campaignpulse.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The public schema is committed as {@code schema.graphql} at the repository root, so that any change
 * to it is deliberate. After an intended change regenerate it with
 * {@code ./mvnw test -Dtest=SchemaSdlTest -Dpulse.schema.update=true} and commit the file.
 */
@QuarkusTest
class SchemaSdlTest {

    private static final Path COMMITTED = Path.of("schema.graphql");

    @Test
    void runningSchemaMatchesCommittedSdl() throws IOException {
        String running = normalize(given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString());
        if (Boolean.getBoolean("pulse.schema.update")) {
            Files.writeString(COMMITTED, running, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(COMMITTED)) {
            fail("schema.graphql is missing at the repository root; create it with -Dpulse.schema.update=true");
        }
        String committed = normalize(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        if (!committed.equals(running)) {
            fail("The running GraphQL schema differs from schema.graphql (- committed, + running). If the change is "
                    + "intended, run ./mvnw test -Dtest=SchemaSdlTest -Dpulse.schema.update=true and commit the file.\n"
                    + diff(committed.lines().toList(), running.lines().toList()));
        }
    }

    private static String normalize(String sdl) {
        return sdl.replace("\r\n", "\n").strip() + "\n";
    }

    /** A minimal line diff (longest common subsequence), enough to see what changed. */
    static String diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.append("+ ").append(b.get(j)).append(" (running line ").append(j + 1).append(")\n");
                j++;
            } else {
                out.append("- ").append(a.get(i)).append(" (committed line ").append(i + 1).append(")\n");
                i++;
            }
        }
        return out.toString();
    }
}
