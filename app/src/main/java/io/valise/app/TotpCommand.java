package io.valise.app;

import io.valise.cli.HelpOptions;
import io.valise.server.wiring.LocalAdmin;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code valise admin user totp NAME [--data DIR] [--config FILE]}: enrols a TOTP secret. */
final class TotpCommand implements Callable<Integer> {
  private @Nullable CommandSpec spec;

  private TotpCommand() {}

  static CommandSpec spec() {
    TotpCommand command = new TotpCommand();
    CommandSpec spec = HelpOptions.addTo(CommandSpec.wrapWithoutInspection(command).name("totp"));
    command.spec = spec;
    spec.usageMessage()
        .description(
            "Enrol a new TOTP second factor for an account (replacing any earlier one) and print"
                + " its otpauth:// URI once, for an authenticator app.");
    spec.addPositional(
        PositionalParamSpec.builder()
            .paramLabel("NAME")
            .type(String.class)
            .description("Account name")
            .build());
    DataOptions.add(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    CommandSpec s = DataOptions.required(spec, "admin user totp");
    String name = DataOptions.accountName(s);
    String uri =
        LocalAdmin.enrolTotp(DataOptions.config(s), name, Clock.systemUTC(), new SecureRandom());
    System.out.println(uri);
    return 0;
  }
}
