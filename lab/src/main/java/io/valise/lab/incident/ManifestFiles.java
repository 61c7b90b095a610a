package io.valise.lab.incident;

import io.valise.age.Age;
import io.valise.age.Identity;
import io.valise.lab.manifest.Manifest;
import io.valise.lab.manifest.ManifestReader;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Transmission manifests as {@link ManifestPeople}: the JSON lines that {@code valise get} saves
 * when the data protection officer fetches a manifest, or the age file itself (encrypted to the
 * DPO, as {@code valise lab send} made it), opened with the DPO's identities. Opening reads each
 * manifest once, in constant memory, for its envelope lines; the people are read again from the
 * manifest when they are asked for, once for all the envelopes asked for at the same time ({@link
 * #people(Set, EnvelopePersonSink)}). The clear manifest exists only in this process's buffers.
 */
public final class ManifestFiles implements ManifestPeople {
  private final List<? extends Identity> identities;
  private final Map<String, Envelope> envelopes = new HashMap<>();
  private final Map<String, Path> fileOf = new HashMap<>();

  private ManifestFiles(List<? extends Identity> identities) {
    this.identities = List.copyOf(identities);
  }

  /**
   * Reads the envelope lines of every manifest.
   *
   * @throws IOException naming the file, if one cannot be opened with {@code identities}, is not a
   *     complete manifest, or names an envelope another manifest named already
   */
  public static ManifestFiles open(List<Path> files, List<? extends Identity> identities)
      throws IOException {
    ManifestFiles m = new ManifestFiles(identities);
    for (Path file : files) {
      Manifest manifest = m.read(file, p -> {});
      for (Manifest.Envelope e : manifest.envelopes()) {
        String id = e.id();
        if (id == null) {
          continue; // its upload failed: its people were never sent
        }
        if (m.fileOf.putIfAbsent(id, file) != null) {
          throw new IOException(
              file + ": envelope " + id + " is also in " + m.fileOf.get(id) + "; give each once");
        }
        m.envelopes.put(
            id, new Envelope(id, e.group(), new HashSet<>(e.categories()), e.records()));
      }
    }
    return m;
  }

  /** How many envelopes the manifests name. */
  public int size() {
    return envelopes.size();
  }

  @Override
  public Optional<Envelope> envelope(String id) {
    return Optional.ofNullable(envelopes.get(id));
  }

  @Override
  public void people(String id, PersonSink sink) throws IOException {
    Envelope e = envelopes.get(id);
    Path file = fileOf.get(id);
    if (e == null || file == null) {
      return;
    }
    var unused =
        read(
            file,
            p -> {
              if (p.group().equals(e.group())) {
                sink.person(p.hashes().nir(), p.hashes().name());
              }
            });
  }

  /** Reads each manifest that holds one of {@code ids} once, for all of its envelopes asked for. */
  @Override
  public void people(Set<String> ids, EnvelopePersonSink sink) throws IOException {
    // file -> (group -> envelope id): a manifest has one envelope per group
    Map<Path, Map<String, String>> wanted = new LinkedHashMap<>();
    for (String id : ids) {
      Envelope e = envelopes.get(id);
      Path file = fileOf.get(id);
      if (e != null && file != null) {
        wanted.computeIfAbsent(file, f -> new HashMap<>()).put(e.group(), id);
      }
    }
    for (Map.Entry<Path, Map<String, String>> w : wanted.entrySet()) {
      Map<String, String> idOfGroup = w.getValue();
      var unused =
          read(
              w.getKey(),
              p -> {
                @Nullable String id = idOfGroup.get(p.group());
                if (id != null) {
                  sink.person(id, p.hashes().nir(), p.hashes().name());
                }
              });
    }
  }

  private Manifest read(Path file, ManifestReader.PersonSink people) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        InputStream in = clearOrOpened(raw);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return ManifestReader.read(r, people);
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** The manifest's lines: decrypted if {@code in} is an age file, else as they are. */
  private InputStream clearOrOpened(InputStream in) throws IOException {
    byte[] magic = "age-encryption.org/v1".getBytes(StandardCharsets.US_ASCII);
    in.mark(magic.length);
    byte[] start = in.readNBytes(magic.length);
    in.reset();
    if (!java.util.Arrays.equals(start, magic)) {
      return in;
    }
    if (identities.isEmpty()) {
      throw new IOException("an encrypted manifest: give the data protection officer's identity");
    }
    return Age.decryptingStream(in, identities);
  }
}
