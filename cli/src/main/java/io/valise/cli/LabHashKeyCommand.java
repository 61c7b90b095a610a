package io.valise.cli;

import io.valise.lab.manifest.HashKey;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code valise lab hash-key -o FILE}: makes the secret of the keyed hashes in lab manifests (32
 * random bytes, base64, mode 0600). The data protection officer makes it and gives it to the lab;
 * it is never sent to the server.
 */
final class LabHashKeyCommand implements Command {
  private final CliEnv env;

  LabHashKeyCommand(CliEnv env) {
    this.env = env;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "hash-key",
            "Make a hash key for lab manifests: 32 random bytes in base64, in a new file of mode"
                + " 0600.",
            "",
            "The data protection officer keeps it and gives a copy to the lab, which passes it to"
                + " 'valise lab send --hash-key FILE'. Manifests identify people only by HMAC-SHA256"
                + " under this key, so whoever holds it (and the lab's patient file) can find who"
                + " was in a transmission. It never goes to the server. An existing file is never"
                + " overwritten.");
    spec.addOption(Specs.single("FILE", "The new key file.", "-o", "--output"));
    Specs.footer(spec, "Example:", "  valise lab hash-key -o lab-hash.key");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    @Nullable String output = Specs.value(parsed, "-o");
    if (output == null || output.equals("-")) {
      throw new UsageException("missing -o FILE (a key is written to a file, never to a terminal)");
    }
    try (HashKey key = HashKey.generate(env.random());
        Output out = Output.open(output, env, Output.Existing.REFUSE)) {
      byte[] content = key.fileContent();
      try {
        out.stream().write(content);
      } finally {
        Arrays.fill(content, (byte) 0);
      }
      out.commit();
    }
    env.stderr().println("valise: wrote a hash key to " + output + " (mode 0600): keep it secret");
    return 0;
  }
}
