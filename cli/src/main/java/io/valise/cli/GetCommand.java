package io.valise.cli;

import io.valise.age.FileKey;
import io.valise.age.Header;
import io.valise.age.Identity;
import io.valise.age.NoIdentityMatchException;
import io.valise.age.aead.AeadBackends;
import io.valise.age.secret.Passphrase;
import io.valise.age.stream.Payload;
import io.valise.age.stream.Progress;
import io.valise.client.api.ApiProblem;
import io.valise.client.api.Download;
import io.valise.client.api.PublicLink;
import io.valise.client.api.ValiseApi;
import io.valise.client.envelope.FileNames;
import io.valise.client.envelope.Metadata;
import io.valise.client.envelope.ShareLink;
import io.valise.client.state.Session;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise get ID|LINK}: downloads an envelope (or a share link's file) and decrypts it here.
 * The output appears only once every chunk has been authenticated, and never replaces a file.
 */
final class GetCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  GetCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "get",
            "Download a file sent to you (by envelope id) or shared by link, and decrypt it on"
                + " this machine.",
            "",
            "The output is named after the sender's file name (its last part only, made safe),"
                + " in the current directory, unless -o says otherwise. An existing file is never"
                + " replaced. Nothing appears until the whole file is authenticated. A share"
                + " link needs no account: the key is the part after '#'. Each get counts as a"
                + " download.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .type(String.class)
            .paramLabel("ID|LINK")
            .description(
                "An envelope id (from 'valise inbox') or a share link https://HOST/s/ID#...")
            .build());
    spec.addOption(
        Specs.single(
            "FILE",
            "Decrypt with the identities in FILE instead of $VALISE_HOME/identity.",
            "-i",
            "--identity"));
    spec.addOption(
        Specs.single(
            "OUT",
            "Write to OUT (a file that must not exist, or a directory to put the file in); '-'"
                + " for standard output.",
            "-o",
            "--output"));
    spec.addOption(
        Specs.flag(
            "For a password-protected share link: read the password from the first line of"
                + " standard input instead of asking on the terminal.",
            "--password-stdin"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise inbox",
        "  valise get 3q2z7x5k4c...                       # writes e.g. results.csv",
        "  valise get 3q2z7x5k4c... -o - | head",
        "  valise get 'https://valise.example.org/s/Xy12#AGE-SECRET-KEY-1...' -o ~/in",
        "",
        "Quote a link in the shell: it contains '#'.");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    String target = parsed.matchedPositionalValue(0, "");
    @Nullable String output = Specs.value(parsed, "-o");
    if (ShareLink.looksLikeUrl(target)) {
      if (Specs.isSet(parsed, "-i")) {
        throw new UsageException("a share link carries its own key: -i is not used with a link");
      }
      try (ShareLink link = ShareLink.parse(target)) {
        return fromLink(link, output, Specs.isSet(parsed, "--password-stdin"));
      }
    }
    Session s = remote.session();
    ValiseApi api = remote.api(s);
    String id = ValiseApi.segment(target);
    List<Identity> identities = remote.identities(Specs.value(parsed, "-i"));
    byte[] metadata = api.envelope(id).metadata();
    try (Download d = api.download(id)) {
      return decrypt(d, identities, metadata, output, id);
    }
  }

  private int fromLink(ShareLink link, @Nullable String output, boolean passwordStdin)
      throws IOException {
    ValiseApi api = ValiseApi.anonymous(remote.http(), link.server());
    PublicLink info;
    try {
      info = api.link(link.id(), null);
    } catch (ApiProblem p) {
      if (!p.code().equals("link_password_required")) {
        throw p;
      }
      try (Passphrase password =
          remote.secret(passwordStdin, "Link password: ", "--password-stdin")) {
        info = api.link(link.id(), password);
        try (Download d = api.linkFile(link.id(), password)) {
          return decrypt(d, List.of(link.identity()), info.metadata(), output, link.id());
        }
      }
    }
    try (Download d = api.linkFile(link.id(), null)) {
      return decrypt(d, List.of(link.identity()), info.metadata(), output, link.id());
    }
  }

  private int decrypt(
      Download d, List<Identity> identities, byte[] metadata, @Nullable String output, String id)
      throws IOException {
    boolean toStdout = "-".equals(output);
    ProgressBar progress = ProgressBar.of(env, d.length(), toStdout);
    InputStream in = new BufferedInputStream(progress.count(d.body()), 1 << 16);
    try {
      Header header = Header.parse(in);
      try (FileKey key = unwrap(header, identities, id)) {
        @Nullable Metadata meta = metadata.length == 0 ? null : Metadata.open(metadata, key);
        String fallback = "valise-" + id;
        String name = meta == null ? fallback : FileNames.safe(meta.name(), fallback);
        @Nullable String dest = destination(output, name);
        try (Output out = Output.open(dest, env, Output.Existing.REFUSE)) {
          long n = Payload.decrypt(in, out.stream(), key, AeadBackends.best(), Progress.NONE);
          out.commit();
          progress.finish();
          if (dest != null) {
            env.stderr().println("valise: wrote " + dest + " (" + ProgressBar.size(n) + ")");
          }
        }
      }
    } finally {
      progress.finish();
    }
    return 0;
  }

  private static FileKey unwrap(Header header, List<Identity> identities, String id)
      throws IOException {
    try {
      return header.unwrap(identities);
    } catch (NoIdentityMatchException e) {
      throw new CliException(
          "none of your identities can open "
              + id
              + ": was it sent before you published this key? (-i FILE selects another identity"
              + " file)",
          e);
    }
  }

  /** The output path: standard output (null), OUT, OUT/NAME for a directory, or NAME here. */
  private static @Nullable String destination(@Nullable String output, String name) {
    if (output == null) {
      return name;
    }
    if (output.equals("-")) {
      return null;
    }
    Path p = Path.of(output);
    return Files.isDirectory(p) ? p.resolve(name).toString() : output;
  }
}
