package io.valise.cli;

import io.valise.age.stream.Progress;
import io.valise.client.api.Receipt;
import io.valise.client.api.Sent;
import io.valise.client.api.ValiseApi;
import io.valise.client.audit.AuditException;
import io.valise.client.audit.LogVerifier;
import io.valise.client.audit.Receipts;
import io.valise.client.keys.KeyResolver;
import io.valise.client.state.Session;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise send FILE... --to NAME}: encrypts each file here, to the pinned keys of every
 * recipient and the sender's own keys, and uploads it with its sealed metadata.
 */
final class SendCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  SendCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "send",
            "Encrypt files on this machine and send them to accounts or groups. Prints one"
                + " envelope id per file.",
            "",
            "Each file is encrypted to every key of every recipient (a group stands for its"
                + " members) and to your own published keys, so you can open and share it later."
                + " Its name, type and size travel encrypted too. Keys are pinned on first use;"
                + " a key that changed since is refused until 'valise key trust NAME'. A"
                + " recipient without a published key is refused by name.",
            "",
            "Every key must be in the server's audit log (its key.publish entry proved under a"
                + " checkpoint consistent with the last one you saw), or the send is refused:"
                + " the server could be substituting keys. Each upload's receipt is verified the"
                + " same way: the log holds this upload, by you, at the index the server gave.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0..*")
            .arity("1..*")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .paramLabel("FILE")
            .description("The files to send, one envelope each.")
            .build());
    spec.addOption(
        Specs.repeatable(
                "NAME[,NAME...]", "Recipients: account or group names; repeatable.", "--to")
            .toBuilder()
            .required(true)
            .build());
    spec.addOption(
        Specs.single(
            "DURATION",
            "How long the server keeps it, for example 12h, 3d (s, m, h, d); default and"
                + " maximum are the server's policy (7d and 30d unless configured).",
            "--expires"));
    spec.addOption(
        OptionSpec.builder("--max-downloads")
            .type(Integer.class)
            .paramLabel("N")
            .arity("1")
            .description("Purge it after N downloads (all recipients together).")
            .build());
    spec.addOption(
        Specs.flag(
            "Print the verified audit receipt of each upload on stderr: its log index, the"
                + " tree size and root it was proved under.",
            "--receipt"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise send results.csv --to bob",
        "  valise send results.csv --to bob --receipt",
        "  valise send day-1.csv day-2.csv --to cpam-75,ars-idf --expires 3d",
        "  valise send scan.pdf --to bob --max-downloads 1",
        "  id=$(valise send report.pdf --to bob)",
        "  valise share \"$id\" --link --expires 1d");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    List<String> files = parsed.matchedPositionalValue(0, List.<String>of());
    List<String> names = Remote.names(Specs.values(parsed, "--to"));
    if (names.isEmpty()) {
      throw new UsageException("--to needs at least one account or group name");
    }
    @Nullable String expires = Specs.value(parsed, "--expires");
    @Nullable Integer maxDownloads =
        parsed.hasMatchedOption("--max-downloads")
            ? parsed.matchedOptionValue("--max-downloads", 0)
            : null;
    for (String f : files) {
      Path p = Path.of(f);
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        throw new CliException(f + ": not a readable file");
      }
    }
    boolean showReceipt = Specs.isSet(parsed, "--receipt");
    Session s = remote.session();
    ValiseApi api = remote.api(s);
    LogVerifier log = remote.log(s.server(), api.audit());
    KeyResolver.Resolved to = RecipientKeys.resolve(env, remote, api, s, names, log, true);
    for (String f : files) {
      Sent sent = send(api, Path.of(f), to, expires, maxDownloads);
      String id = sent.envelope().id();
      env.stdout().write((id + "\n").getBytes(StandardCharsets.UTF_8));
      env.stdout().flush();
      Receipts.Verified v = verifyReceipt(api, s, log, id, sent.receipt());
      if (showReceipt) {
        env.stderr().println("valise: receipt of " + id + ": " + v.describe());
      }
    }
    return 0;
  }

  /**
   * Verifies the upload's receipt (asking for it when the upload's answer had none): its checkpoint
   * extends the one stored here, and the log holds this upload by this account at its index.
   */
  static Receipts.Verified verifyReceipt(
      ValiseApi api, Session s, LogVerifier log, String id, @Nullable Receipt given)
      throws IOException {
    Receipt receipt = given;
    for (int attempt = 0; receipt == null && attempt < 3; attempt++) {
      receipt = api.audit().receipt(id).orElse(null); // the server waits up to 10 s each time
    }
    if (receipt == null) {
      throw new AuditException(
          "the server gave no receipt for envelope "
              + id
              + " (its upload is not in the audit log after about 30 s); it was uploaded, but"
              + " the log does not show it yet: check later with 'valise audit show "
              + id
              + "'");
    }
    return Receipts.verify(
        receipt,
        Map.of("type", "envelope.upload", "envelope", id, "actorName", s.account()),
        log,
        "the upload of envelope " + id);
  }

  private Sent send(
      ValiseApi api,
      Path file,
      KeyResolver.Resolved to,
      @Nullable String expires,
      @Nullable Integer maxDownloads)
      throws IOException {
    try (AgeTempFile age = AgeTempFile.create(null, to.recipients(), env.random())) {
      long size;
      try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
        size = in.size();
        ProgressBar progress = ProgressBar.of(env, OptionalLong.of(size), false);
        try {
          age.encrypt(progress.count(in), Progress.NONE);
        } finally {
          progress.finish();
        }
      }
      String type = Files.probeContentType(file);
      Path name = file.getFileName();
      return age.upload(
          api,
          to.accounts(),
          expires,
          maxDownloads,
          name == null ? "file" : name.toString(),
          type == null ? "application/octet-stream" : type);
    }
  }
}
