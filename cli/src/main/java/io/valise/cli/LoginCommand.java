package io.valise.cli;

import io.valise.age.secret.Passphrase;
import io.valise.client.api.AuditApi;
import io.valise.client.api.ValiseApi;
import io.valise.client.audit.VerifiedCheckpoint;
import io.valise.client.state.Session;
import io.valise.client.state.SessionFile;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** {@code valise login URL --user NAME}: opens a session and keeps it in session.json. */
final class LoginCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  LoginCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "login",
            "Log in to a Valise server and keep the session (12 hours at most, 30 minutes idle)"
                + " in $VALISE_HOME/session.json (mode 0600).",
            "",
            "$VALISE_HOME defaults to $XDG_CONFIG_HOME/valise, else ~/.config/valise.",
            "",
            "Login also pins the server's audit log key in $VALISE_HOME/logkeys.json (first use,"
                + " or --log-key) and verifies its latest checkpoint against the one stored in"
                + " $VALISE_HOME/checkpoints.json.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .type(String.class)
            .paramLabel("URL")
            .description("The server, for example https://valise.example.org")
            .build());
    spec.addOption(
        Specs.single("NAME", "Your account name.", "-u", "--user").toBuilder()
            .required(true)
            .build());
    spec.addOption(
        Specs.flag(
            "Read the password from the first line of standard input instead of the terminal.",
            "--password-stdin"));
    spec.addOption(
        Specs.single(
            "CODE",
            "The 6-digit code of your authenticator app, if the account has one.",
            "--totp"));
    spec.addOption(
        Specs.single(
            "KEY",
            "The server's audit log key (origin+keyid+base64, as its operator publishes it):"
                + " refuse the server if it serves another, and pin this one, replacing any"
                + " earlier pin. Without it the served key is pinned on first use.",
            "--log-key"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise login https://valise.example.org --user alice    # asks the password",
        "  valise login https://valise.example.org --user alice --totp 123456",
        "  pass show valise | valise login http://127.0.0.1:7443 -u lab --password-stdin",
        "  valise login https://valise.example.org -u alice --log-key 'valise.example.org+1a2b3c4d+AXs...'");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    String server = normalise(parsed.matchedPositionalValue(0, ""));
    String user = Specs.value(parsed, "--user");
    if (user == null) {
      throw new UsageException("--user NAME is required");
    }
    @Nullable String totp = Specs.value(parsed, "--totp");
    AuditApi audit = AuditApi.anonymous(remote.http(), server);
    remote.logKey(server, audit, Specs.value(parsed, "--log-key"));
    VerifiedCheckpoint checkpoint = remote.log(server, audit).refresh();
    ValiseApi.Login login;
    try (Passphrase password =
        remote.secret(Specs.isSet(parsed, "--password-stdin"), "Password: ", "--password-stdin")) {
      login = ValiseApi.anonymous(remote.http(), server).login(user, password, totp);
    }
    new SessionFile(remote.home())
        .save(new Session(server, login.account(), login.token(), login.expiresAt()));
    env.stderr().println("valise: logged in to " + server + " as " + login.account());
    env.stderr().println("valise: audit log verified: " + checkpoint.describe());
    return 0;
  }

  /** An http(s) URL without query, fragment or trailing slash. */
  static String normalise(String url) throws UsageException {
    URI u;
    try {
      u = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new UsageException("bad server URL \"" + url + "\": " + e.getReason());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || u.getRawAuthority() == null
        || u.getRawQuery() != null
        || u.getRawFragment() != null
        || u.getRawUserInfo() != null) {
      throw new UsageException(
          "bad server URL \""
              + url
              + "\": give https://HOST[:PORT][/PATH] (http only for loopback)");
    }
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return scheme + "://" + u.getRawAuthority() + path;
  }
}
