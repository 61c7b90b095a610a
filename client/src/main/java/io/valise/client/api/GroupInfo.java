package io.valise.client.api;

import java.time.Instant;
import java.util.List;

/**
 * A group as the server describes it.
 *
 * @param members the member accounts' names, sorted
 */
public record GroupInfo(String name, List<String> members, Instant createdAt) {
  public GroupInfo {
    members = List.copyOf(members);
  }
}
