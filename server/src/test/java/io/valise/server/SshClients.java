package io.valise.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real SSH clients against the gateway: OpenSSH's {@code ssh-keygen} and {@code sftp},
 * {@code rclone} and {@code lftp}. Missing tools abort the test, or fail it when {@code
 * -Dvalise.requireInterop=true} (CI).
 */
final class SshClients {
  private SshClients() {}

  /** What a client printed and how it ended. */
  record Run(int exit, String output) {}

  /** Makes an Ed25519 key pair without a passphrase; returns the private key's path. */
  static Path keygen(Path dir, String name) throws IOException, InterruptedException {
    Path key = dir.resolve(name);
    Run r =
        run(
            dir,
            List.of(
                "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()),
            30);
    if (r.exit() != 0) {
      throw new IOException("ssh-keygen failed: " + r.output());
    }
    return key;
  }

  /** Runs an OpenSSH {@code sftp} batch ({@code -b}); a line starting with '-' may fail. */
  static Run sftp(Path dir, Path key, String user, int port, String... batch)
      throws IOException, InterruptedException {
    return sftp(dir, key, user, port, List.of(), batch);
  }

  /** As above, with more options for {@code sftp} (for example {@code -c CIPHER}). */
  static Run sftp(Path dir, Path key, String user, int port, List<String> options, String... batch)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "batch", ".txt");
    Files.writeString(file, String.join("\n", batch) + "\n", StandardCharsets.UTF_8);
    List<String> cmd = new ArrayList<>(List.of("sftp", "-b", file.toString()));
    cmd.addAll(options);
    cmd.addAll(sshOptions(key, port, "-P"));
    cmd.add(user + "@127.0.0.1");
    return run(dir, cmd, 300);
  }

  /** The options that make OpenSSH use this key only and trust the test's new host key. */
  static List<String> sshOptions(Path key, int port, String portFlag) {
    return List.of(
        portFlag,
        Integer.toString(port),
        "-i",
        key.toString(),
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "IdentityAgent=none",
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR");
  }

  static Run run(Path dir, List<String> command, int seconds)
      throws IOException, InterruptedException {
    require(command.get(0));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(command.get(0) + " did not finish in " + seconds + " s: " + Files.readString(out));
    }
    return new Run(p.exitValue(), Files.readString(out));
  }

  /** Aborts (locally) or fails (CI) when {@code tool} is not installed. */
  static void require(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":", -1)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return;
      }
    }
    String why = tool + " is not installed (run-tests installs it)";
    if (Boolean.getBoolean("valise.requireInterop")) {
      fail(why);
    }
    Assumptions.abort(why);
  }
}
