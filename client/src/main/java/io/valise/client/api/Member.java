package io.valise.client.api;

import java.util.List;

/** An account and its current keys, as the directory lists it (no keys: {@code []}). */
public record Member(String account, List<PublishedKey> keys) {
  public Member {
    keys = List.copyOf(keys);
  }

  /** The recipient strings, in the directory's order. */
  public List<String> recipients() {
    return keys.stream().map(PublishedKey::recipient).toList();
  }
}
