package io.valise.cli;

import io.valise.age.Identity;
import io.valise.age.secret.Passphrase;
import io.valise.client.api.ValiseApi;
import io.valise.client.keys.Pins;
import io.valise.client.state.ClientHome;
import io.valise.client.state.Session;
import io.valise.client.state.SessionFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the client commands share: the state directory, the stored session, the HTTP client (made on
 * first use, so local commands never start one), the default identity file, and reading a secret
 * from standard input or the terminal.
 */
final class Remote {
  private final CliEnv env;
  private @Nullable HttpClient http;

  Remote(CliEnv env) {
    this.env = env;
  }

  ClientHome home() {
    return ClientHome.resolve(env.environment(), System.getProperty("user.home", "."));
  }

  HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      h =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(15))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      http = h;
    }
    return h;
  }

  /**
   * The stored session.
   *
   * @throws CliException if nobody is logged in
   */
  Session session() throws IOException {
    return new SessionFile(home())
        .load()
        .orElseThrow(
            () ->
                new CliException(
                    "not logged in: run 'valise login URL --user NAME' first (state in "
                        + home().dir()
                        + ")"));
  }

  ValiseApi api(Session s) {
    return ValiseApi.authenticated(http(), s.server(), s.token());
  }

  Pins pins() throws IOException {
    return Pins.load(home());
  }

  /**
   * The identities to decrypt with: those in {@code file} when given, else the default identity
   * file {@code $VALISE_HOME/identity}.
   *
   * @throws CliException if neither exists
   */
  List<Identity> identities(@Nullable String file) throws IOException {
    return KeyFiles.identityFile(identityFile(file), new PassphraseSource(env.terminal(), null));
  }

  /** The identities as {@link #identities}, or an empty list when there is no identity file. */
  List<Identity> identitiesIfAny(@Nullable String file) throws IOException {
    if (file == null && !Files.exists(home().file(ClientHome.IDENTITY))) {
      return List.of();
    }
    return identities(file);
  }

  private String identityFile(@Nullable String file) throws CliException {
    if (file != null) {
      return file;
    }
    Path def = home().file(ClientHome.IDENTITY);
    if (!Files.exists(def)) {
      throw new CliException(
          "no identity: give one with -i FILE, or run 'valise key publish' to create "
              + def
              + " and publish its key");
    }
    return def.toString();
  }

  /**
   * A secret: the first line of standard input when {@code fromStdin}, else asked on the terminal.
   *
   * @throws CliException if it is empty or there is no terminal
   */
  Passphrase secret(boolean fromStdin, String prompt, String flag) throws IOException {
    char[] chars;
    if (fromStdin) {
      chars = firstLine(env.stdin());
    } else {
      try {
        chars = env.terminal().readSecret(prompt);
      } catch (CliException e) {
        throw new CliException(
            "no terminal to ask for it: give it on standard input with " + flag, e);
      }
    }
    try {
      if (chars.length == 0) {
        throw new CliException(
            "empty " + prompt.replace(":", "").strip().toLowerCase(java.util.Locale.ROOT));
      }
      return Passphrase.of(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private static char[] firstLine(InputStream in) throws IOException {
    byte[] buf = new byte[4096];
    int n = 0;
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (n == buf.length) {
        Arrays.fill(buf, (byte) 0);
        throw new CliException("the first line of standard input is too long for a password");
      }
      buf[n++] = (byte) b;
    }
    if (n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    try {
      return Secrets.decodeUtf8(buf, n);
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }

  /** Splits {@code a,b} and repeated options into names. */
  static List<String> names(List<String> values) {
    return values.stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .distinct()
        .toList();
  }
}
