package kr.dure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The JWT signing secret: from the environment, else generated once and kept in the data directory. */
final class Secrets {

  static final String FILE = "jwt-secret";

  private Secrets() {
  }

  static String jwtSecret(Config config) throws IOException {
    if (config.jwtSecret().isPresent()) {
      String secret = config.jwtSecret().get();
      if (secret.length() < 32) {
        throw new IllegalArgumentException("DURE_JWT_SECRET must be at least 32 characters long.");
      }
      return secret;
    }
    Path file = config.dataDir().resolve(FILE);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    Files.createDirectories(config.dataDir());
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException raced) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, secret, StandardCharsets.UTF_8);
    return secret;
  }
}
