package io.valise.cli;

import io.valise.client.api.AuditApi;
import io.valise.client.api.Receipt;
import io.valise.client.api.WebApi;
import io.valise.client.api.WebRelease;
import io.valise.client.audit.AuditException;
import io.valise.client.audit.LogVerifier;
import io.valise.client.audit.Receipts;
import io.valise.client.audit.VerifiedCheckpoint;
import io.valise.client.web.WebCheck;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise verify-web URL}: is the web app this server serves the release its audit log
 * published? Recomputes every file's SHA-256 and the bundle hash, checks the page's integrity
 * attributes, and proves the {@code web.release} entry under a checkpoint consistent with the one
 * stored here.
 */
final class VerifyWebCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  VerifyWebCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "verify-web",
            "Check that the web app a Valise server serves is the release its audit log"
                + " published to everyone, not a page made for you: the page, its script and"
                + " stylesheet, the service worker (/sw.js) and every other file of the release"
                + " list (GET /api/web/release) are fetched as a browser would, each SHA-256 is"
                + " compared with the list, the list is hashed into the bundle hash, the page's"
                + " Subresource Integrity attributes are checked against the files, and the"
                + " web.release entry naming that bundle is proved to be in the audit log under a"
                + " checkpoint consistent with the one stored in $VALISE_HOME/checkpoints.json.",
            "",
            "No session is needed. The server's log key is pinned on first use (or given with"
                + " --log-key), as by 'valise login'. Anything after '#' in URL (a share link's"
                + " key) is never sent or printed.",
            "",
            "Exit codes: 0 the served app is the published release; 3 it is not (the first"
                + " difference is named: path, expected, got) or the log does not verify; 1 the"
                + " server could not be asked.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .type(String.class)
            .paramLabel("URL")
            .description("The page, for example https://valise.example.org/ or .../app/inbox")
            .build());
    spec.addOption(
        Specs.single(
            "HASH",
            "The bundle hash you expect (64 hex digits, e.g. from your own build of web/ or"
                + " from a colleague's check): refuse any other release, even a logged one.",
            "--bundle"));
    spec.addOption(
        Specs.single(
            "KEY",
            "The server's audit log key (origin+keyid+base64): refuse the server if it serves"
                + " another, and pin this one.",
            "--log-key"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise verify-web https://valise.example.org/",
        "  valise verify-web https://valise.example.org/ --bundle 3f5a...c2e1",
        "  valise verify-web http://127.0.0.1:7443/app/inbox || alert 'the Valise page changed'");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    Target t = target(parsed.matchedPositionalValue(0, ""));
    String bundle = Specs.value(parsed, "--bundle");
    if (bundle != null && !bundle.matches("[0-9a-f]{64}")) {
      throw new UsageException("--bundle must be 64 lower-case hex digits (a SHA-256)");
    }
    AuditApi audit = AuditApi.anonymous(remote.http(), t.origin());
    remote.logKey(t.origin(), audit, Specs.value(parsed, "--log-key"));
    WebApi web = WebApi.of(remote.http(), t.origin());
    WebRelease release = web.release();
    WebCheck.Verified files = WebCheck.check(t.path(), release, bundle, web::get);
    Long index = release.entryIndex();
    if (index == null) {
      throw new AuditException(
          t.origin()
              + " names no audit log entry for the web app it serves (bundle "
              + release.bundle()
              + "): nobody can tell whether others are served the same; if the server has just"
              + " started, try again in a few seconds");
    }
    LogVerifier log = remote.log(t.origin(), audit);
    VerifiedCheckpoint latest = log.refresh();
    Receipt entry = web.releaseEntry(index);
    Receipts.Verified proved =
        Receipts.verify(
            entry,
            Map.of("type", "web.release", "web", release.bundle()),
            log,
            "the web release " + release.bundle());
    String out =
        "the web app at "
            + t.origin()
            + t.path()
            + " is the published release\n"
            + "  bundle  "
            + files.bundle()
            + "\n"
            + "  files   "
            + files.files()
            + ", each with the SHA-256 of the release list; "
            + files.integrity()
            + " integrity attribute(s) of the page match\n"
            + "  log     web.release entry at "
            + proved.describe()
            + "; latest checkpoint "
            + latest.describe()
            + "\n";
    env.stdout().write(out.getBytes(StandardCharsets.UTF_8));
    env.stdout().flush();
    return 0;
  }

  /** Where the page is: the server's origin, and the path to ask it for. */
  record Target(String origin, String path) {}

  /**
   * The origin and path of an http(s) URL; its query and fragment are dropped (a share link's key
   * after '#' must never be sent or printed).
   */
  static Target target(String url) throws UsageException {
    String cut = url.strip();
    int hash = cut.indexOf('#');
    if (hash >= 0) {
      cut = cut.substring(0, hash);
    }
    URI u;
    try {
      u = new URI(cut);
    } catch (URISyntaxException e) {
      throw new UsageException("bad URL \"" + cut + "\": " + e.getReason());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || u.getRawAuthority() == null
        || u.getRawUserInfo() != null) {
      throw new UsageException(
          "bad URL \"" + cut + "\": give https://HOST[:PORT]/[PAGE], the page a browser opens");
    }
    @Nullable String raw = u.getRawPath();
    String path = raw == null || raw.isEmpty() ? "/" : raw;
    return new Target(scheme + "://" + u.getRawAuthority(), path);
  }
}
