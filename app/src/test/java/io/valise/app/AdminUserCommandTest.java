package io.valise.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.cli.CliEnv;
import io.valise.core.account.Account;
import io.valise.core.account.AccountKind;
import io.valise.server.config.ServerConfig;
import io.valise.store.sql.SqlStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code valise admin user add} run in-process against a data directory. */
class AdminUserCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnv env =
        CliEnv.headless(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new SecureRandom(),
            Clock.systemUTC(),
            Map.of("HOME", dir.toString()));
    int code = Main.run(env, args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Account account(String name) throws Exception {
    try (SqlStore store =
        SqlStore.open(
            ServerConfig.defaults(dir.resolve("data")).database(), null, null, Clock.systemUTC())) {
      return store.accounts().findByName(name).orElseThrow();
    }
  }

  @Test
  void addsPeopleAndSystemsAndRefusesATakenName() throws Exception {
    String data = dir.resolve("data").toString();
    Run lab =
        run(
            "a long password\n",
            "admin",
            "user",
            "add",
            "lab-roche",
            "--system",
            "--password-stdin",
            "--data",
            data);
    assertEquals(0, lab.code(), lab.toString());
    assertEquals("valise: created system account lab-roche\n", lab.out());
    assertEquals(AccountKind.SYSTEM, account("lab-roche").kind());

    Run alice =
        run(
            "a long password\n",
            "admin",
            "user",
            "add",
            "alice",
            "--admin",
            "--password-stdin",
            "--data",
            data);
    assertEquals(0, alice.code(), alice.toString());
    assertEquals(AccountKind.PERSON, account("alice").kind());
    assertTrue(account("alice").admin());

    Run again =
        run(
            "another password\n",
            "admin",
            "user",
            "add",
            "alice",
            "--password-stdin",
            "--data",
            data);
    assertEquals(1, again.code(), again.toString());
    assertTrue(
        again.err().contains("The name alice is already an account or a group"), again.err());
    assertTrue(account("alice").admin(), "the first account is unchanged");
  }
}
