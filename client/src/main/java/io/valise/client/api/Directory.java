package io.valise.client.api;

import java.util.List;

/**
 * What a name stands for: an account (one member, itself) or a group.
 *
 * @param type {@code account} or {@code group}
 */
public record Directory(String name, String type, List<Member> members) {
  public Directory {
    members = List.copyOf(members);
  }
}
