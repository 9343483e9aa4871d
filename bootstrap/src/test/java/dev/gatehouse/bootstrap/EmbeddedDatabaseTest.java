package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsDataAcrossRestartsAndSurvivesAStalePidFile() throws Exception {
        int port = 25000 + (int) (ProcessHandle.current().pid() % 5000);
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, port)) {
            execute(db, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        }
        assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();

        // A crash leaves postmaster.pid behind with a pid that no longer runs.
        Files.writeString(dataDir.resolve("pg/postmaster.pid"), "999999\n" + dataDir + "/pg\n0\n" + port + "\n/tmp\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, port)) {
            assertThat(query(db, "SELECT v FROM kept")).isEqualTo("still here");
        }
    }

    @Test
    void aSecondProcessUsesTheRunningServerInsteadOfStartingAnother() throws Exception {
        int port = 30000 + (int) (ProcessHandle.current().pid() % 5000);
        try (EmbeddedDatabase owner = EmbeddedDatabase.start(dataDir, port)) {
            execute(owner, "CREATE TABLE shared (v text); INSERT INTO shared VALUES ('one server')");
            // Pretend the owner is another live Gatehouse process: a second JVM stands in for it.
            Path sleeper = dataDir.resolve("Sleep.java");
            Files.writeString(
                    sleeper,
                    "class Sleep { public static void main(String[] a) throws Exception { Thread.sleep(60000); } }");
            String java = ProcessHandle.current().info().command().orElse("java");
            Process otherJvm = new ProcessBuilder(java, sleeper.toString()).start();
            Path ownerFile = dataDir.resolve("pg/gatehouse-owner.pid");
            try {
                Files.writeString(ownerFile, Long.toString(otherJvm.pid()));
                try (EmbeddedDatabase guest = EmbeddedDatabase.start(dataDir, port)) {
                    assertThat(query(guest, "SELECT v FROM shared")).isEqualTo("one server");
                }
            } finally {
                otherJvm.destroyForcibly();
            }
            // Closing the guest must not stop the owner's server.
            assertThat(query(owner, "SELECT v FROM shared")).isEqualTo("one server");
            Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()));
        }
    }

    private static void execute(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = connect(db)) {
            c.createStatement().execute(sql);
        }
    }

    private static String query(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = connect(db);
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(EmbeddedDatabase db) throws Exception {
        Map<String, Object> p = db.datasourceProperties();
        return DriverManager.getConnection((String) p.get("datasources.default.url"), "postgres", "");
    }
}
