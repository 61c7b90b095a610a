package io.valise.core.group;

import io.valise.core.id.GroupId;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A named group of accounts, for example {@code cpam-75} or {@code ars-idf}. Sending to a group
 * encrypts to the keys of its members at the time of sending.
 *
 * @param name unique, {@code [a-z0-9._-]{1,64}}
 */
public record Group(GroupId id, String name, Instant createdAt) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1,64}");

  /**
   * @throws IllegalArgumentException naming the bad name
   */
  public Group {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Group name [%s] must be 1 to 64 characters of [a-z0-9._-]"
              .formatted(name.length() > 80 ? name.substring(0, 80) + "..." : name));
    }
  }
}
