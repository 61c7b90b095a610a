package io.valise.cli;

import io.valise.client.api.LogEntry;
import io.valise.client.api.ValiseApi;
import io.valise.client.audit.AuditException;
import io.valise.client.audit.FullAudit;
import io.valise.client.audit.LogVerifier;
import io.valise.client.audit.VerifiedCheckpoint;
import io.valise.client.state.Session;
import io.valise.lab.incident.Assessment;
import io.valise.lab.incident.AuditEntries;
import io.valise.lab.incident.Compromise;
import io.valise.lab.incident.Exposure;
import io.valise.lab.incident.ExposureAssessor;
import io.valise.lab.incident.IncidentReport;
import io.valise.lab.incident.ManifestFiles;
import io.valise.lab.incident.ManifestPeople;
import io.valise.lab.incident.PeopleCount;
import io.valise.lab.incident.PeopleCounter;
import io.valise.lab.incident.Regions;
import io.valise.lab.incident.Window;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise incident assess}: which envelopes an incident exposed, readable or only as
 * ciphertext, from the audit log (docs/lab.md, "Incident assessment"); writes the regulator
 * notification draft and the envelope list, and with manifests the people counts and the affected
 * keyed hashes.
 */
final class IncidentAssessCommand implements Command {
  static final String DRAFT = "draft.md";
  static final String ENVELOPES = "envelopes.csv";
  static final String AFFECTED = "affected.csv";

  private final CliEnv env;
  private final Remote remote;

  IncidentAssessCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "assess",
            "Assess an incident (data protection officers, administrators): which envelopes were"
                + " exposed readable, which only as ciphertext, and why.",
            "",
            "Reads the audit log from the server (verified against its checkpoint, as 'valise"
                + " audit export' does) or from an export (--entries). Writes to DIR: "
                + DRAFT
                + " (the notification draft for the supervisory authority, GDPR Article 33,"
                + " marked DRAFT TO REVIEW), "
                + ENVELOPES
                + " (every exposed envelope with its reasons) and, with manifests, "
                + AFFECTED
                + " (the keyed hashes of the affected people, for 'valise incident notify').",
            "",
            "A compromised account is assumed to have lost its credentials and its private key:"
                + " what it downloaded in the window, and what was addressed to it and could be"
                + " downloaded then, is readable. A leaked share link exposes its envelope while"
                + " it was usable. Stolen storage and database (--server-stolen) or a compromised"
                + " node expose ciphertext only, except files that came in clear through the SFTP"
                + " gateway in the window, listed apart as readable in transit.");
    spec.addOption(Specs.single("TIME", "Start of the window (ISO-8601 UTC), included.", "--from"));
    spec.addOption(Specs.single("TIME", "End of the window (ISO-8601 UTC), excluded.", "--to"));
    spec.addOption(
        Specs.repeatable(
            "NAME", "A compromised account (name or id); repeat for several.", "--account"));
    spec.addOption(
        Specs.repeatable(
            "ID", "A leaked share link (the id after /s/); repeat for several.", "--link"));
    spec.addOption(
        Specs.single(
            "NODE", "A compromised server node (the node of its server.start entries).", "--node"));
    spec.addOption(
        Specs.flag(
            "A copy of the whole server's storage and database was taken.", "--server-stolen"));
    spec.addOption(
        Specs.repeatable(
            "PATH",
            "The data protection officer's manifests (as 'valise get' saves them, or the age"
                + " files with -i; or a directory of them), to count the people affected.",
            "--manifests"));
    spec.addOption(
        Specs.single(
            "FILE",
            "The data protection officer's identity, to open manifests kept encrypted.",
            "-i"));
    spec.addOption(
        Specs.single(
            "FILE",
            "Read the entries from FILE (valise audit export --format jsonl) instead of the"
                + " server. The file is not verified again: keep it where only you can change it.",
            "--entries"));
    spec.addOption(
        Specs.single(
            "DIR",
            "Write the results to DIR (made if missing, mode 0700; existing files are never"
                + " replaced).",
            "-o",
            "--output"));
    Specs.footer(
        spec,
        "Examples:",
        "  # an ARS agent's laptop was stolen on 12 November; its account is agent-idf",
        "  valise incident assess --from 2026-11-12T08:00:00Z --to 2026-11-13T10:00:00Z \\",
        "      --account agent-idf -o incident-2026-11-12",
        "  # a share link was posted on a forum",
        "  valise incident assess --from 2026-11-01T00:00:00Z --to 2026-11-20T00:00:00Z \\",
        "      --link Xy7pQ2... -o incident-link",
        "  # the server's disks and database dump were stolen (the 2021 case), offline",
        "  valise audit export -o audit.jsonl",
        "  valise incident assess --entries audit.jsonl --from 2026-10-01T00:00:00Z \\",
        "      --to 2026-11-25T00:00:00Z --server-stolen -o incident-theft");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    Instant from = time(parsed, "--from");
    Instant to = time(parsed, "--to");
    if (!from.isBefore(to)) {
      throw new UsageException("--from must be before --to");
    }
    String out = Specs.value(parsed, "-o");
    if (out == null) {
      throw new UsageException("missing -o DIR (where to write the draft and the lists)");
    }
    Compromise compromise;
    try {
      compromise =
          new Compromise(
              new HashSet<>(Specs.values(parsed, "--account")),
              new HashSet<>(Specs.values(parsed, "--link")),
              Specs.value(parsed, "--node"),
              Specs.isSet(parsed, "--server-stolen"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "say what was compromised: --account, --link, --node or --server-stolen");
    }
    List<String> manifestPaths = Specs.values(parsed, "--manifests");
    @Nullable String identity = Specs.value(parsed, "-i");
    @Nullable ManifestPeople manifests =
        manifestPaths.isEmpty() ? null : openManifests(manifestPaths, identity);
    Path dir = Path.of(out);
    ExposureAssessor assessor = new ExposureAssessor(new Window(from, to), compromise);
    String entries = Specs.value(parsed, "--entries");
    if (entries != null) {
      long n = fromFile(Path.of(entries), assessor);
      env.stderr()
          .println(
              "valise: read "
                  + n
                  + " entries from "
                  + entries
                  + " (not verified again: 'valise audit export' verified them when it wrote"
                  + " the file)");
    } else {
      fromServer(assessor);
    }
    Assessment a = assessor.finish();
    if (manifests != null) {
      env.stderr().println("valise: counting people in the manifests...");
    }
    @Nullable PeopleCount people =
        manifests == null ? null : PeopleCounter.count(a, manifests, Regions.france());
    makeDir(dir);
    Instant now = env.clock().instant();
    write(dir.resolve(DRAFT), w -> w.write(IncidentReport.draft(a, people, now)));
    write(dir.resolve(ENVELOPES), w -> IncidentReport.writeEnvelopes(a, w));
    if (people != null) {
      PeopleCount p = people;
      write(dir.resolve(AFFECTED), p::writeAffected);
    }
    summary(a, people, dir);
    return 0;
  }

  /**
   * The manifests ({@code valise get} them as the data protection officer: each is an age file
   * encrypted to the DPO), opened with the DPO's identity. A directory means every {@code .age}
   * file in it.
   */
  private ManifestPeople openManifests(List<String> paths, @Nullable String identity)
      throws IOException {
    List<Path> files = new java.util.ArrayList<>();
    for (String p : paths) {
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try (var list = Files.list(path)) {
          list.filter(f -> f.getFileName().toString().endsWith(".age"))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new CliException("--manifests " + p + ": no such file or directory");
      }
    }
    if (files.isEmpty()) {
      throw new CliException("--manifests: no manifest file found in " + paths);
    }
    List<io.valise.age.Identity> ids =
        identity == null
            ? List.of()
            : KeyFiles.identityFile(identity, new PassphraseSource(env.terminal(), null));
    try {
      ManifestFiles m = ManifestFiles.open(files, ids);
      env.stderr()
          .println("valise: " + files.size() + " manifest(s) name " + m.size() + " envelope(s)");
      return m;
    } catch (io.valise.age.AgeException e) {
      throw new CliException("cannot open a manifest with " + identity + ": " + e.getMessage());
    }
  }

  private long fromFile(Path file, ExposureAssessor assessor) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return AuditEntries.feed(r, assessor);
    } catch (NoSuchFileException e) {
      throw new CliException(file + ": no such file");
    }
  }

  private void fromServer(ExposureAssessor assessor) throws IOException {
    Session s = remote.session();
    ValiseApi api = remote.api(s);
    LogVerifier log = remote.log(s.server(), api.audit());
    VerifiedCheckpoint c = log.refresh();
    env.stderr().println("valise: downloading and verifying the audit log (" + c.describe() + ")");
    FullAudit.Result r = AuditVerifyCommand.full(env, log, c, false);
    if (!r.ok()) {
      throw new AuditException(
          "the log's entries do not match its checkpoint ("
              + c.describe()
              + "); nothing assessed: run 'valise audit verify --full' to find the first bad"
              + " entry");
    }
    for (LogEntry e : r.entries()) {
      assessor.accept(e.fields());
    }
    env.stderr().println("valise: read " + r.entries().size() + " verified entries");
  }

  private void summary(Assessment a, @Nullable PeopleCount people, Path dir) {
    env.stderr()
        .println(
            "valise: "
                + a.envelopes().size()
                + " envelope(s) exposed: "
                + a.count(Exposure.READABLE)
                + " readable, "
                + a.count(Exposure.READABLE_IN_TRANSIT)
                + " readable in transit if the running server was compromised, "
                + a.count(Exposure.CIPHERTEXT)
                + " ciphertext only");
    if (people != null) {
      env.stderr()
          .println(
              "valise: people: "
                  + people.level(Exposure.READABLE).people()
                  + " readable, "
                  + people.level(Exposure.READABLE_IN_TRANSIT).people()
                  + " readable in transit, "
                  + people.level(Exposure.CIPHERTEXT).people()
                  + " ciphertext only");
    } else {
      env.stderr().println("valise: people not counted (no --manifests)");
    }
    for (String note : a.notes()) {
      env.stderr().println("valise: note: " + note);
    }
    env.stderr()
        .println(
            "valise: wrote " + dir.resolve(DRAFT) + " (DRAFT TO REVIEW) and its lists in " + dir);
  }

  private interface Body {
    void write(Writer w) throws IOException;
  }

  private void write(Path file, Body body) throws IOException {
    try (Output o = Output.open(file.toString(), env, Output.Existing.REFUSE)) {
      Writer w = new OutputStreamWriter(o.stream(), StandardCharsets.UTF_8);
      body.write(w);
      w.flush();
      o.commit();
    }
  }

  private static void makeDir(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (Files.exists(dir)) {
      throw new CliException(dir + ": exists and is not a directory");
    }
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  private static Instant time(ParseResult parsed, String option) throws UsageException {
    String text = Specs.value(parsed, option);
    if (text == null) {
      throw new UsageException(
          "missing " + option + " TIME (ISO-8601 UTC, e.g. 2026-11-25T00:00:00Z)");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException(option + " needs an ISO-8601 UTC time, e.g. 2026-11-25T00:00:00Z");
    }
  }
}
