package io.valise.cli;

import io.valise.client.api.Sent;
import io.valise.client.api.ValiseApi;
import io.valise.client.audit.LogVerifier;
import io.valise.client.keys.KeyResolver;
import io.valise.client.state.Session;
import io.valise.lab.geo.Geography;
import io.valise.lab.input.Format;
import io.valise.lab.input.RecordSource;
import io.valise.lab.manifest.HashKey;
import io.valise.lab.manifest.Manifest;
import io.valise.lab.manifest.ManifestWriter;
import io.valise.lab.profile.Category;
import io.valise.lab.profile.Output;
import io.valise.lab.profile.Profile;
import io.valise.lab.profile.ProfileException;
import io.valise.lab.profile.Profiles;
import io.valise.lab.profile.Transmission;
import io.valise.lab.record.CsvWriter;
import io.valise.lab.record.RecordValidator;
import io.valise.lab.record.Rules;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise lab send FILE --profile PROFILE}: turns a lab results file into one envelope per
 * recipient group with only the profile's fields, plus a manifest envelope for the data protection
 * officer (docs/lab.md, "Sending results"). Records stream from the file into one age-encrypting
 * temporary file per group, so only ciphertext is ever written and memory does not grow with the
 * file; the uploads start once the whole file has been read.
 */
final class LabSendCommand implements Command {
  /** A manifest kept less than this long gets a note: the issue asks for a year. */
  static final Duration MANIFEST_WISH = Duration.ofDays(365);

  private final CliEnv env;
  private final Remote remote;

  LabSendCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "send",
            "Send a lab results file: one envelope per recipient group with only the fields of"
                + " the profile, and an encrypted manifest for the data protection officer.",
            "",
            "Each valid record goes to the groups of the profile's outputs: the ARS of the"
                + " patient's region, the CPAM group, the statistics group... with exactly the"
                + " output's columns. Invalid records are never sent: they are listed (row, field,"
                + " reason, never the value) in the reject report. Nothing is uploaded unless the"
                + " whole file could be read; every recipient group must exist and have members"
                + " with published keys.",
            "",
            "Prints one line per envelope on stdout: ID, group, and the record count (or"
                + " 'manifest'), and a summary on stderr. Exit status 0 when every record was"
                + " sent, "
                + ErrorMapper.REJECTED
                + " when some were rejected (the others were sent), 1 on failure, 2 for a wrong"
                + " command line.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .paramLabel("FILE")
            .description("The lab results file (CSV as in docs/lab.md, HL7 v2 or FHIR).")
            .build());
    spec.addOption(
        Specs.single("PROFILE", "The profile to send, such as covid-daily.", "--profile"));
    spec.addOption(
        Specs.single(
            "FILE",
            "Read the profiles from FILE instead of the built-in ones (format in docs/lab.md).",
            "--profiles"));
    spec.addOption(
        Specs.single(
            "FILE",
            "The hash key from the data protection officer ('valise lab hash-key'); it never"
                + " leaves this machine.",
            "--hash-key"));
    spec.addOption(
        Specs.single("FORMAT", "csv, hl7v2 or fhir; detected when not given.", "--format"));
    spec.addOption(
        Specs.single(
            "FILE", "Write the reject report to FILE; default FILE.rejects.csv.", "--rejects"));
    spec.addOption(
        Specs.single(
            "GROUP",
            "The data protection officer's group, who receives the manifest; default dpo.",
            "--dpo"));
    spec.addOption(
        Specs.single(
            "DURATION",
            "How long the server keeps the data envelopes (12h, 3d); default the server's.",
            "--expires"));
    spec.addOption(
        Specs.single(
            "DURATION",
            "How long the server keeps the manifest; default the server's maximum (operators"
                + " set expiry.max=365d for a year).",
            "--manifest-expires"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise lab send results.csv --profile covid-daily --hash-key lab-hash.key",
        "  valise lab send results.csv --profile covid-tracing --hash-key lab-hash.key \\",
        "      --rejects /srv/lab/rejects-today.csv --expires 3d");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    String file = parsed.matchedPositionalValue(0, "");
    Path input = Path.of(file);
    if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
      throw new CliException(file + ": not a readable file");
    }
    String profileName = required(parsed, "--profile");
    String keyFile = required(parsed, "--hash-key");
    Geography geo = Geography.france();
    @Nullable String profilesFile = Specs.value(parsed, "--profiles");
    Profiles profiles;
    try {
      profiles =
          profilesFile == null ? Profiles.defaults(geo) : Profiles.read(Path.of(profilesFile), geo);
    } catch (ProfileException e) {
      throw new CliException(String.valueOf(e.getMessage()));
    }
    Profile profile =
        profiles
            .get(profileName)
            .orElseThrow(
                () ->
                    new UsageException(
                        "no profile "
                            + profileName
                            + " in "
                            + (profilesFile == null ? "the built-in profiles" : profilesFile)
                            + ": use "
                            + profiles.all().stream()
                                .map(Profile::name)
                                .collect(Collectors.joining(", "))));
    @Nullable Format format = null;
    @Nullable String formatName = Specs.value(parsed, "--format");
    if (formatName != null) {
      try {
        format = Format.parse(formatName);
      } catch (IllegalArgumentException e) {
        throw new UsageException(String.valueOf(e.getMessage()));
      }
    }
    @Nullable String rejectsName = Specs.value(parsed, "--rejects");
    String rejects = rejectsName != null ? rejectsName : file + ".rejects.csv";
    @Nullable String dpoName = Specs.value(parsed, "--dpo");
    String dpo = dpoName != null ? dpoName : "dpo";
    @Nullable String expires = Specs.value(parsed, "--expires");
    @Nullable String manifestExpiresOption = Specs.value(parsed, "--manifest-expires");
    String manifestExpires = manifestExpiresOption != null ? manifestExpiresOption : "max";

    try (HashKey key = HashKey.read(Path.of(keyFile))) {
      Session s = remote.session();
      ValiseApi api = remote.api(s);
      LogVerifier log = remote.log(s.server(), api.audit());
      KeyResolver.Resolved dpoKeys = keys(api, s, log, dpo);
      Path tmp = tempDir();
      Run run =
          new Run(
              api,
              s,
              log,
              tmp,
              profile,
              input,
              expires,
              new Transmission(
                  profile, new RecordValidator(env.clock(), Rules.sarsCov2(), geo), geo, key));
      try (AgeTempFile manifestFile = AgeTempFile.create(tmp, dpoKeys.recipients(), env.random())) {
        return run.send(format, rejects, manifestFile, dpoKeys, dpo, manifestExpires);
      } finally {
        run.discard();
      }
    }
  }

  private static String required(ParseResult parsed, String option) throws UsageException {
    @Nullable String v = Specs.value(parsed, option);
    if (v == null) {
      throw new UsageException("missing " + option);
    }
    return v;
  }

  /** The checked keys of {@code group}'s members; refused when nobody there can decrypt. */
  private KeyResolver.Resolved keys(ValiseApi api, Session s, LogVerifier log, String group)
      throws IOException {
    KeyResolver.Resolved r = RecipientKeys.resolve(env, remote, api, s, List.of(group), log, false);
    if (r.recipients().isEmpty()) {
      throw new CliException(group + " has no member with a published key: nobody could open it");
    }
    return r;
  }

  /** {@code $VALISE_HOME/tmp} (mode 0700): where the ciphertext waits for its upload. */
  private Path tempDir() throws IOException {
    Path dir = remote.home().ensure().resolve("tmp");
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return dir;
  }

  /** One transmission: the groups' temporary files, their uploads, and the manifest. */
  private final class Run {
    private final ValiseApi api;
    private final Session session;
    private final LogVerifier log;
    private final Path tmp;
    private final Profile profile;
    private final Path input;
    private final @Nullable String expires;
    private final Transmission transmission;
    private final Map<String, AgeTempFile> files = new LinkedHashMap<>();
    private final Map<String, List<String>> accounts = new LinkedHashMap<>();

    Run(
        ValiseApi api,
        Session session,
        LogVerifier log,
        Path tmp,
        Profile profile,
        Path input,
        @Nullable String expires,
        Transmission transmission) {
      this.api = api;
      this.session = session;
      this.log = log;
      this.tmp = tmp;
      this.profile = profile;
      this.input = input;
      this.expires = expires;
      this.transmission = transmission;
    }

    int send(
        @Nullable Format format,
        String rejectsName,
        AgeTempFile manifestFile,
        KeyResolver.Resolved dpoKeys,
        String dpo,
        String manifestExpires)
        throws IOException {
      Instant started = env.clock().instant();
      ManifestWriter manifest = new ManifestWriter(manifestFile.stream());
      String inputName = String.valueOf(input.getFileName());
      manifest.start(profile.name(), started, inputName);
      Transmission.Result result;
      try (RecordSource in = LabInput.open(input, format);
          io.valise.cli.Output rejectOut =
              io.valise.cli.Output.open(rejectsName, env, io.valise.cli.Output.Existing.REPLACE)) {
        CsvWriter rejects =
            new CsvWriter(
                new BufferedWriter(
                    new OutputStreamWriter(rejectOut.stream(), StandardCharsets.UTF_8)));
        result = transmission.run(in, this::open, manifest, rejects);
        rejects.flush();
        rejectOut.commit();
      }

      String stem = inputName.replaceFirst("\\.[^.]*$", "");
      List<String> failed = new ArrayList<>();
      @Nullable IOException firstFailure = null;
      for (Transmission.GroupCount g : result.groups()) {
        AgeTempFile f = files.get(g.group());
        List<String> to = accounts.getOrDefault(g.group(), List.of());
        List<String> categories = g.output().categories().stream().map(Category::label).toList();
        @Nullable String id = null;
        @Nullable Instant expiresAt = null;
        if (f == null) {
          throw new IllegalStateException("no file for " + g.group());
        }
        try {
          Sent sent = f.upload(api, to, expires, null, stem + "." + g.group() + ".csv", "text/csv");
          id = sent.envelope().id();
          expiresAt = sent.envelope().expiresAt();
          print(id + "\t" + g.group() + "\t" + g.records());
          SendCommand.verifyReceipt(api, session, log, id, sent.receipt());
        } catch (IOException e) {
          // Carry on: the other groups and the manifest still go; the first failure is rethrown.
          if (id == null) {
            failed.add(g.group());
          }
          if (firstFailure == null) {
            firstFailure = e;
          }
        }
        manifest.envelope(
            new Manifest.Envelope(
                g.group(), g.output().name(), id, g.records(), categories, expiresAt));
        env.stderr()
            .println(
                String.format(
                    Locale.ROOT,
                    "valise: %-24s %,9d records  %s",
                    g.group(),
                    g.records(),
                    id == null ? "NOT SENT" : "envelope " + id));
      }
      manifest.end(result.read(), result.rejected());
      manifest.close();
      Sent m =
          manifestFile.upload(
              api,
              dpoKeys.accounts(),
              manifestExpires,
              null,
              stem + ".manifest.jsonl",
              "application/jsonl");
      String manifestId = m.envelope().id();
      print(manifestId + "\t" + dpo + "\tmanifest");
      SendCommand.verifyReceipt(api, session, log, manifestId, m.receipt());
      Duration kept = Duration.between(m.envelope().createdAt(), m.envelope().expiresAt());
      env.stderr()
          .println(
              "valise: manifest for "
                  + dpo
                  + ": envelope "
                  + manifestId
                  + ", kept until "
                  + m.envelope().expiresAt());
      if (kept.compareTo(MANIFEST_WISH.minusHours(1)) < 0) {
        env.stderr()
            .println(
                "valise: note: the server keeps the manifest only "
                    + kept.toDays()
                    + " days; to keep it a year the operator sets expiry.max=365d (docs/lab.md)");
      }
      long sent = result.read() - result.rejected();
      env.stderr()
          .println(
              String.format(
                  Locale.ROOT,
                  "valise: %,d records read, %,d sent to %d groups, %,d rejected%s",
                  result.read(),
                  sent,
                  result.groups().size(),
                  result.rejected(),
                  result.rejected() > 0 ? " (see " + rejectsName + ")" : ""));
      if (firstFailure != null) {
        if (!failed.isEmpty()) {
          env.stderr()
              .println(
                  "valise: not sent to "
                      + String.join(", ", failed)
                      + " (the manifest says so); send the file again for them");
        }
        throw firstFailure;
      }
      return result.allValid() ? 0 : ErrorMapper.REJECTED;
    }

    /** Opens the encrypted file of {@code group} at its first record. */
    private java.io.OutputStream open(String group, Output output) throws IOException {
      KeyResolver.Resolved r = keys(api, session, log, group);
      AgeTempFile f = AgeTempFile.create(tmp, r.recipients(), env.random());
      files.put(group, f);
      accounts.put(group, r.accounts());
      return f.stream();
    }

    void print(String line) throws IOException {
      env.stdout().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      env.stdout().flush();
    }

    /** Deletes every temporary file. */
    void discard() throws IOException {
      for (AgeTempFile f : files.values()) {
        f.close();
      }
    }
  }
}
