package io.valise.cli;

import io.valise.age.FileKey;
import io.valise.age.Header;
import io.valise.age.Identity;
import io.valise.age.secret.Passphrase;
import io.valise.age.x25519.X25519Identity;
import io.valise.client.api.LinkInfo;
import io.valise.client.api.Member;
import io.valise.client.api.ValiseApi;
import io.valise.client.envelope.ShareLink;
import io.valise.client.keys.KeyKind;
import io.valise.client.keys.KeyResolver;
import io.valise.client.keys.Pins;
import io.valise.client.state.Session;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise share ID --to NAME} adds recipients by re-wrapping the file key (the payload is not
 * sent again); {@code valise share ID --link} makes a share link whose key stays in the URL.
 */
final class ShareCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  ShareCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "share",
            "Give more people access to a file you sent or received: other accounts (--to), or"
                + " anyone holding a link (--link).",
            "",
            "--to opens the file's header with your identity and wraps the same file key to the"
                + " new recipients' pinned keys, each of which must be in the server's audit log;"
                + " the file itself is not uploaded again. --link"
                + " makes a fresh key just for the link: the server stores the link's header but"
                + " never the key, which is the part of the printed URL after '#'. Anyone with the"
                + " whole URL can download the file until the link expires, is used up, or is"
                + " revoked.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .type(String.class)
            .paramLabel("ID")
            .description("The envelope id.")
            .build());
    spec.addOption(
        Specs.repeatable("NAME[,NAME...]", "Add these accounts or groups as recipients.", "--to"));
    spec.addOption(Specs.flag("Create a share link and print its URL.", "--link"));
    spec.addOption(
        Specs.single(
            "DURATION",
            "With --link: how long the link works (e.g. 1d); not beyond the file's expiry,"
                + " which is the default.",
            "--expires"));
    spec.addOption(
        OptionSpec.builder("--max-downloads")
            .type(Integer.class)
            .paramLabel("N")
            .arity("1")
            .description("With --link: the link works N times.")
            .build());
    spec.addOption(
        Specs.flag(
            "With --link: protect the link with a password read from the first line of standard"
                + " input (send it by another channel than the link).",
            "--password-stdin"));
    spec.addOption(
        Specs.single(
            "FILE",
            "Open the file's key with the identities in FILE instead of $VALISE_HOME/identity.",
            "-i",
            "--identity"));
    Specs.footer(
        spec,
        "Examples:",
        "  valise share 3q2z7x5k4c... --to carol,ars-idf",
        "  valise share 3q2z7x5k4c... --link --expires 1d --max-downloads 1",
        "  echo 'spoken by phone' | valise share 3q2z7x5k4c... --link --password-stdin",
        "  valise get 'https://valise.example.org/s/Xy12#AGE-SECRET-KEY-1...'");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    String id = ValiseApi.segment(parsed.matchedPositionalValue(0, ""));
    List<String> names = Remote.names(Specs.values(parsed, "--to"));
    boolean link = Specs.isSet(parsed, "--link");
    if (link == !names.isEmpty()) {
      throw new UsageException("give either --to NAME or --link");
    }
    if (!link
        && (Specs.isSet(parsed, "--expires")
            || Specs.isSet(parsed, "--max-downloads")
            || Specs.isSet(parsed, "--password-stdin"))) {
      throw new UsageException("--expires, --max-downloads and --password-stdin go with --link");
    }
    Session s = remote.session();
    ValiseApi api = remote.api(s);
    List<Identity> identities = remote.identities(Specs.value(parsed, "-i"));
    Header header = Header.parse(new ByteArrayInputStream(api.header(id)));
    if (link) {
      return link(parsed, s, api, id, header, identities);
    }
    List<Member> members =
        remote.logged(
            () -> {
              Map<String, Member> byAccount = new LinkedHashMap<>();
              for (String n : names) {
                for (Member m : api.directory(n).members()) {
                  byAccount.putIfAbsent(m.account(), m);
                }
              }
              return new ArrayList<>(byAccount.values());
            });
    Remote.checkKeys(members, remote.log(s.server(), api.audit()));
    Pins pins = remote.pins();
    KeyResolver.Resolved to =
        KeyResolver.resolve(
            members, List.of(), pins, s.server(), env.clock().instant(), KeyKind.of(header));
    pins.save(remote.home());
    Header wider = header.rewrap(identities, to.recipients(), env.random());
    api.addRecipients(id, to.accounts(), wider.encode());
    env.stderr().println("valise: shared " + id + " with " + String.join(", ", to.accounts()));
    return 0;
  }

  private int link(
      ParseResult parsed,
      Session s,
      ValiseApi api,
      String id,
      Header header,
      List<Identity> identities)
      throws IOException {
    @Nullable Passphrase password =
        Specs.isSet(parsed, "--password-stdin")
            ? remote.secret(true, "Link password: ", "--password-stdin")
            : null;
    @Nullable Integer max =
        parsed.hasMatchedOption("--max-downloads")
            ? parsed.matchedOptionValue("--max-downloads", 0)
            : null;
    try (password;
        FileKey key = header.unwrap(identities);
        X25519Identity linkKey = X25519Identity.generate(env.random())) {
      Header only = Header.seal(key, List.of(linkKey.recipient()), env.random());
      @Nullable String expires = Specs.value(parsed, "--expires");
      LinkInfo made =
          api.createLink(
              id,
              only.encode(),
              expires, // none: the server's default, cut to the envelope's expiry
              max,
              password);
      String url = ShareLink.format(s.server(), made.id(), linkKey);
      env.stdout().write((url + "\n").getBytes(StandardCharsets.UTF_8));
      env.stdout().flush();
      env.stderr()
          .println(
              "valise: link "
                  + made.id()
                  + " works until "
                  + made.expiresAt()
                  + (made.maxDownloads() == null ? "" : ", " + made.maxDownloads() + " downloads")
                  + "; anyone with the whole URL can read the file");
    }
    return 0;
  }
}
