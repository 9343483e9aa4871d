package dev.gatehouse.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keys generated into the data directory on first start of the embedded default (file mode 600). */
final class KeyFiles {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {}

    /** Reads the key in {@code file}, generating 32 random bytes (base64 or base64url as given) if it does not exist. */
    static String readOrGenerate(Path file, boolean urlSafe, String what) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String key = urlSafe
                    ? Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
                    : Base64.getEncoder().encodeToString(bytes);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(
                        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, key + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.info(
                    "Generated the {} into {} (mode 600; back it up with the data directory)",
                    what,
                    file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean ownerOnly(Path file) throws IOException {
        return Files.getPosixFilePermissions(file)
                .equals(Set.of(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
    }
}
