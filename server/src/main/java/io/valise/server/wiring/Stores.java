package io.valise.server.wiring;

import io.valise.server.config.ServerConfig;
import io.valise.store.fs.FsBlobStore;
import io.valise.store.sql.SqlStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

/** Opens the metadata store and the blob store that a configuration names. */
final class Stores {
  private Stores() {}

  static SqlStore metadata(ServerConfig config, Clock clock) throws IOException {
    Path dir = config.dataDir();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    var pw = config.databasePassword();
    return SqlStore.open(
        config.database(), config.databaseUser(), pw == null ? null : pw.reveal(), clock);
  }

  static FsBlobStore blobs(ServerConfig config) throws IOException {
    return FsBlobStore.open(config.dataDir().resolve("blobs"));
  }
}
