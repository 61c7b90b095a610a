package io.valise.client.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a server says about the web app it serves ({@code GET /api/web/release}): the bundle hash,
 * every file, and the index of the audit entry that published it. Untrusted until {@code
 * io.valise.client.web.WebCheck} recomputed it from what the server serves and the log proved the
 * entry.
 *
 * @param bundle hex SHA-256 of the bundle's {@code files.txt}, as the server claims it
 * @param files the lines of {@code files.txt}, in the served order
 * @param entryIndex the {@code web.release} entry's index, or null when the server names none
 */
public record WebRelease(String bundle, List<File> files, @Nullable Long entryIndex) {
  public WebRelease {
    files = List.copyOf(files);
  }

  /** One line of {@code files.txt}: path, media type, hex SHA-256. */
  public record File(String path, String type, String sha256) {}
}
