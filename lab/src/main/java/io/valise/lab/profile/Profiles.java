package io.valise.lab.profile;

import io.valise.lab.geo.Geography;
import io.valise.lab.geo.Region;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The profiles of one profile file (docs/lab.md, "Profiles"): a small INI format read strictly.
 * Sections are {@code [output NAME]} with the keys {@code to}, {@code records}, {@code fields}, and
 * {@code [profile NAME]} with {@code outputs} and an optional {@code description}. A line starting
 * with {@code #} is a comment; a line starting with a space or a tab continues the value above.
 * Anything else, including an unknown or repeated key or section, a field name that does not exist,
 * or an output listed by no profile's name, is an error naming the line.
 */
public final class Profiles {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern GROUP = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern SECTION = Pattern.compile("\\[(output|profile) +([^\\]]*)\\]");
  private static final List<String> OUTPUT_KEYS = List.of("to", "records", "fields");
  private static final List<String> PROFILE_KEYS = List.of("outputs", "description");

  /** The name of the profile file shipped with Valise. */
  public static final String DEFAULT_FILE = "profiles.ini";

  private final Map<String, Profile> profiles;

  private Profiles(Map<String, Profile> profiles) {
    this.profiles = profiles;
  }

  /** The profiles shipped with Valise ({@code profiles.ini} in this package). */
  public static Profiles defaults(Geography geo) {
    try (InputStream in = Profiles.class.getResourceAsStream(DEFAULT_FILE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_FILE);
      }
      return parse(
          new InputStreamReader(in, StandardCharsets.UTF_8), "(built-in) " + DEFAULT_FILE, geo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ProfileException e) {
      throw new IllegalStateException("the built-in profiles do not parse: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the profile file at {@code file} (UTF-8).
   *
   * @throws ProfileException naming the file and line of the first problem
   * @throws IOException if it cannot be read
   */
  public static Profiles read(Path file, Geography geo) throws IOException, ProfileException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (Reader r = new InputStreamReader(Files.newInputStream(file), decoder)) {
      return parse(r, file.toString(), geo);
    } catch (CharacterCodingException e) {
      throw new ProfileException(file + ": not UTF-8 text");
    }
  }

  /**
   * Parses a profile file; {@code source} names it in errors. Groups named literally may not be an
   * ARS group of {@code geo} (those are reached through {@code @region-ars} only).
   *
   * @throws ProfileException naming {@code source} and the line of the first problem
   */
  public static Profiles parse(Reader in, String source, Geography geo)
      throws IOException, ProfileException {
    Set<String> arsGroups = new HashSet<>();
    geo.regions().stream().map(Region::arsCode).forEach(arsGroups::add);
    List<Section> sections = sections(new BufferedReader(in), source);
    Map<String, Output> outputs = new LinkedHashMap<>();
    for (Section s : sections) {
      if (s.kind.equals("output")) {
        outputs.put(s.name, output(s, source, arsGroups));
      }
    }
    Map<String, Profile> profiles = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    for (Section s : sections) {
      if (s.kind.equals("profile")) {
        Profile p = profile(s, source, outputs);
        p.outputs().forEach(o -> used.add(o.name()));
        profiles.put(s.name, p);
      }
    }
    for (Section s : sections) {
      if (s.kind.equals("output") && !used.contains(s.name)) {
        throw new ProfileException(
            at(source, s.line) + "output [" + s.name + "] is in no profile's outputs");
      }
    }
    if (profiles.isEmpty()) {
      throw new ProfileException(source + ": no [profile NAME] section");
    }
    return new Profiles(profiles);
  }

  /** The profile named {@code name}. */
  public Optional<Profile> get(String name) {
    return Optional.ofNullable(profiles.get(name));
  }

  /** Every profile, in file order. */
  public List<Profile> all() {
    return List.copyOf(profiles.values());
  }

  private static Output output(Section s, String source, Set<String> arsGroups)
      throws ProfileException {
    Entry to = s.require("to", source);
    String target = to.value;
    if (!target.equals(Output.REGION_ARS)) {
      if (!GROUP.matcher(target).matches()) {
        throw new ProfileException(
            at(source, to.line)
                + "to must be @region-ars or a group name (lower-case letters, digits, . _ -)");
      }
      if (arsGroups.contains(target)) {
        throw new ProfileException(
            at(source, to.line)
                + target
                + " is a regional ARS group: use to = @region-ars so each ARS gets only its"
                + " region's records");
      }
    }
    Entry records = s.require("records", source);
    boolean positive =
        switch (records.value) {
          case "all" -> false;
          case "positive" -> true;
          default ->
              throw new ProfileException(
                  at(source, records.line) + "records must be all or positive");
        };
    Entry fieldsEntry = s.require("fields", source);
    List<Field> fields = new ArrayList<>();
    for (String name : list(fieldsEntry, source)) {
      Field f =
          Field.ofHeader(name)
              .orElseThrow(
                  () ->
                      new ProfileException(
                          at(source, fieldsEntry.line) + "unknown field [" + name + "]"));
      if (fields.contains(f)) {
        throw new ProfileException(at(source, fieldsEntry.line) + "field " + name + " twice");
      }
      fields.add(f);
    }
    return new Output(s.name, target, positive, fields);
  }

  private static Profile profile(Section s, String source, Map<String, Output> outputs)
      throws ProfileException {
    Entry e = s.require("outputs", source);
    List<Output> list = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    for (String name : list(e, source)) {
      @Nullable Output o = outputs.get(name);
      if (o == null) {
        throw new ProfileException(at(source, e.line) + "no [output " + name + "] section");
      }
      if (list.contains(o)) {
        throw new ProfileException(at(source, e.line) + "output " + name + " twice");
      }
      if (!targets.add(o.to())) {
        throw new ProfileException(
            at(source, e.line)
                + "two outputs go to "
                + o.to()
                + ": one envelope per group and run can hold only one set of fields");
      }
      list.add(o);
    }
    return new Profile(s.name, list);
  }

  private static List<String> list(Entry e, String source) throws ProfileException {
    List<String> out = new ArrayList<>();
    for (String part : e.value.split(",", -1)) {
      String p = part.strip();
      if (p.isEmpty()) {
        throw new ProfileException(at(source, e.line) + e.key + ": empty item in the list");
      }
      out.add(p);
    }
    return out;
  }

  private static List<Section> sections(BufferedReader in, String source)
      throws IOException, ProfileException {
    List<Section> sections = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    @Nullable Section current = null;
    @Nullable Entry last = null;
    int n = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      n++;
      if (n == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (line.startsWith(" ") || line.startsWith("\t")) {
        if (last == null) {
          throw new ProfileException(at(source, n) + "indented line continues no value");
        }
        last.value = (last.value + " " + t).strip();
        continue;
      }
      last = null;
      if (t.startsWith("[")) {
        var m = SECTION.matcher(t);
        if (!m.matches()) {
          throw new ProfileException(
              at(source, n) + "a section is [output NAME] or [profile NAME]");
        }
        String kind = m.group(1);
        String name = m.group(2).strip();
        if (!NAME.matcher(name).matches()) {
          throw new ProfileException(
              at(source, n)
                  + "a name is lower-case letters, digits and hyphens, not ["
                  + name
                  + "]");
        }
        if (!seen.add(kind + " " + name)) {
          throw new ProfileException(at(source, n) + "[" + kind + " " + name + "] twice");
        }
        current = new Section(kind, name, n);
        sections.add(current);
        continue;
      }
      int eq = t.indexOf('=');
      if (eq < 0) {
        throw new ProfileException(at(source, n) + "expected KEY = VALUE or [SECTION]");
      }
      if (current == null) {
        throw new ProfileException(at(source, n) + "KEY = VALUE before any [section]");
      }
      String key = t.substring(0, eq).strip();
      List<String> allowed = current.kind.equals("output") ? OUTPUT_KEYS : PROFILE_KEYS;
      if (!allowed.contains(key)) {
        throw new ProfileException(
            at(source, n)
                + "unknown key ["
                + key
                + "] in ["
                + current.kind
                + " "
                + current.name
                + "]: use "
                + String.join(", ", allowed));
      }
      if (current.entries.containsKey(key)) {
        throw new ProfileException(
            at(source, n) + key + " twice in [" + current.kind + " " + current.name + "]");
      }
      last = new Entry(key, t.substring(eq + 1).strip(), n);
      current.entries.put(key, last);
    }
    return sections;
  }

  private static String at(String source, int line) {
    return source + " line " + line + ": ";
  }

  private static final class Section {
    final String kind;
    final String name;
    final int line;
    final Map<String, Entry> entries = new LinkedHashMap<>();

    Section(String kind, String name, int line) {
      this.kind = kind;
      this.name = name;
      this.line = line;
    }

    Entry require(String key, String source) throws ProfileException {
      @Nullable Entry e = entries.get(key);
      if (e == null || e.value.isEmpty()) {
        throw new ProfileException(
            at(source, line) + "[" + kind + " " + name + "] needs " + key + " = ...");
      }
      return e;
    }
  }

  private static final class Entry {
    final String key;
    String value;
    final int line;

    Entry(String key, String value, int line) {
      this.key = key;
      this.value = value;
      this.line = line;
    }
  }
}
