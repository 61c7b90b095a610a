package io.valise.lab.incident;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Manifests in memory: envelope id → group, categories and person hashes. */
final class FakeManifests implements ManifestPeople {
  private final Map<String, Envelope> envelopes = new LinkedHashMap<>();
  private final Map<String, List<String[]>> people = new LinkedHashMap<>();

  /** {@code persons}: NIR hash and name hash, alternating. */
  FakeManifests envelope(String id, String group, Set<String> categories, String... persons) {
    List<String[]> list = new ArrayList<>();
    for (int i = 0; i < persons.length; i += 2) {
      list.add(new String[] {persons[i], persons[i + 1]});
    }
    envelopes.put(id, new Envelope(id, group, categories, list.size()));
    people.put(id, list);
    return this;
  }

  @Override
  public Optional<Envelope> envelope(String id) {
    return Optional.ofNullable(envelopes.get(id));
  }

  @Override
  public void people(String id, PersonSink sink) throws IOException {
    for (String[] p : people.getOrDefault(id, List.of())) {
      sink.person(p[0], p[1]);
    }
  }

  /** A 64-hex hash made from a short tag, for readable tests. */
  static String h(String tag) {
    StringBuilder b = new StringBuilder();
    b.append(
        java.util.HexFormat.of().formatHex(tag.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    while (b.length() < 64) {
      b.append('0');
    }
    return b.toString();
  }
}
