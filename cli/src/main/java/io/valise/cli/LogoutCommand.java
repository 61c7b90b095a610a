package io.valise.cli;

import io.valise.client.api.ApiProblem;
import io.valise.client.state.Session;
import io.valise.client.state.SessionFile;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code valise logout}: ends the session on the server and forgets it here. */
final class LogoutCommand implements Command {
  private final CliEnv env;
  private final Remote remote;

  LogoutCommand(CliEnv env) {
    this.env = env;
    this.remote = new Remote(env);
  }

  @Override
  public CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            this,
            "logout",
            "End the session on the server and delete $VALISE_HOME/session.json. Pins and the"
                + " identity file stay.");
    Specs.footer(spec, "Example:", "  valise logout");
    return spec;
  }

  @Override
  public int run(ParseResult parsed) throws IOException {
    SessionFile file = new SessionFile(remote.home());
    Optional<Session> s = file.load();
    if (s.isEmpty()) {
      env.stderr().println("valise: not logged in");
      return 0;
    }
    try {
      remote.unchecked(s.get()).logout(); // ending a session needs no trust in the log
    } catch (ApiProblem p) {
      // an expired or revoked session is over anyway; the local file goes below
    } finally {
      file.delete();
    }
    env.stderr().println("valise: logged out of " + s.get().server());
    return 0;
  }
}
