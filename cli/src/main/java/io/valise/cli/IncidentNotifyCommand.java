package io.valise.cli;

import io.valise.lab.incident.AffectedCsv;
import io.valise.lab.incident.NotifyJoin;
import io.valise.lab.manifest.HashKey;
import io.valise.lab.record.LabCsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise incident notify}: joins the affected keyed hashes of an assessment with a lab's own
 * patient file, giving the list of people to notify individually (names, contact details,
 * exposure). Runs on the lab's or the data protection officer's machine; nothing goes to a server.
 */
final class IncidentNotifyCommand implements Command {
  private final CliEnv env;

  IncidentNotifyCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "notify",
            "Make the individual notification list: the affected people of an assessment found"
                + " in a lab's patient file.",
            "",
            "Hashes each patient of the file (the lab CSV format of docs/lab.md) with the hash"
                + " key exactly as the manifests did, and writes one line per affected person"
                + " found: exposure, data categories, names, birth date, address, phone, email and"
                + " the row in the lab file. People exposed only as ciphertext are left out unless"
                + " --include-ciphertext: encrypted data is unintelligible without the keys (GDPR"
                + " Article 34(3)(a)). The output holds personal data: mode 0600, never replaces"
                + " a file.");
    spec.addOption(Specs.single("FILE", "The lab's patient file (CSV).", "--people"));
    spec.addOption(
        Specs.single("FILE", "The affected list from 'valise incident assess'.", "--affected"));
    spec.addOption(
        Specs.single(
            "FILE", "The hash key ('valise lab hash-key') the lab sent with.", "--hash-key"));
    spec.addOption(
        Specs.flag("Also list people exposed only as ciphertext.", "--include-ciphertext"));
    spec.addOption(Specs.single("FILE", "Write the list to FILE.", "-o", "--output"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise incident notify --people patients-2026-11.csv \\",
        "      --affected incident-2026-11-12/affected.csv --hash-key lab-hash.key \\",
        "      -o notify.csv");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    Path people = path(parsed, "--people");
    Path affected = path(parsed, "--affected");
    Path keyFile = path(parsed, "--hash-key");
    @Nullable String out = Specs.value(parsed, "-o");
    if (out == null) {
      throw new UsageException("missing -o FILE (the notification list holds personal data)");
    }
    NotifyJoin.Result r;
    try (HashKey key = read(keyFile);
        Reader a = Files.newBufferedReader(affected, StandardCharsets.UTF_8);
        InputStream p = Files.newInputStream(people);
        LabCsvReader lab = LabCsvReader.open(p);
        Output o = Output.open(out, env, Output.Existing.REFUSE)) {
      Writer w = new OutputStreamWriter(o.stream(), StandardCharsets.UTF_8);
      r =
          NotifyJoin.join(
              AffectedCsv.open(a), lab, key, Specs.isSet(parsed, "--include-ciphertext"), w);
      w.flush();
      o.commit();
    } catch (NoSuchFileException e) {
      throw new CliException(e.getFile() + ": no such file");
    }
    env.stderr()
        .println(
            "valise: "
                + r.notified()
                + " people to notify found among "
                + r.patients()
                + " records of the patient file; "
                + r.notFound()
                + " affected people not in this file"
                + (r.skippedCiphertext() > 0
                    ? "; " + r.skippedCiphertext() + " exposed only as ciphertext left out"
                    : ""));
    return 0;
  }

  private static HashKey read(Path file) throws IOException {
    try {
      return HashKey.read(file);
    } catch (NoSuchFileException e) {
      throw new CliException(file + ": no such file");
    }
  }

  private static Path path(ParseResult parsed, String option) throws UsageException {
    String v = Specs.value(parsed, option);
    if (v == null) {
      throw new UsageException("missing " + option + " FILE");
    }
    return Path.of(v);
  }
}
