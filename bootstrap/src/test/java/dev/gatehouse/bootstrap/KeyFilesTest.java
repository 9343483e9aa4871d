package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void generatesAnOwnerOnlyKeyOnceAndReusesIt() throws Exception {
        Path file = dir.resolve("sub/master.key");
        String key = KeyFiles.readOrGenerate(file, false, "master key");
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(KeyFiles.ownerOnly(file)).isTrue();
        assertThat(KeyFiles.readOrGenerate(file, false, "master key")).isEqualTo(key);
    }

    @Test
    void urlSafeKeysAreLongEnoughForTheAdminSecret() {
        String secret = KeyFiles.readOrGenerate(dir.resolve("admin-jwt.secret"), true, "admin JWT secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
    }
}
