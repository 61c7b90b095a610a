package io.valise.tlog.note;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The keys a reader knows, by name and key id. Two keys with the same name and id are refused. */
public final class Verifiers {
  private final Map<String, NoteVerifier> byLabel;

  private Verifiers(Map<String, NoteVerifier> byLabel) {
    this.byLabel = byLabel;
  }

  public static Verifiers of(NoteVerifier... verifiers) {
    return of(List.of(verifiers));
  }

  public static Verifiers of(Collection<NoteVerifier> verifiers) {
    Map<String, NoteVerifier> map = new HashMap<>();
    for (NoteVerifier v : verifiers) {
      NoteVerifier old = map.putIfAbsent(v.label(), v);
      if (old != null) {
        throw new IllegalArgumentException("ambiguous key " + v.label() + ": given twice");
      }
    }
    return new Verifiers(Map.copyOf(map));
  }

  @Nullable NoteVerifier find(String name, int keyId) {
    return byLabel.get(name + "+" + Text.hexId(keyId));
  }

  /** The labels ({@code name+keyid}) of the known keys, for messages. */
  List<String> labels() {
    List<String> labels = new ArrayList<>(byLabel.keySet());
    labels.sort(null);
    return labels;
  }
}
