package io.valise.app;

import io.valise.client.api.ApiProblem;
import io.valise.client.api.GroupInfo;
import io.valise.client.api.ValiseApi;
import io.valise.client.state.ClientHome;
import io.valise.client.state.Session;
import io.valise.client.state.SessionFile;
import io.valise.server.config.ServerConfig;
import io.valise.server.wiring.LocalAdmin;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where {@code valise admin group} makes its changes: the store of a data directory, or a server's
 * API. Both refuse the same bad input with the same messages, and neither changes anything then.
 */
sealed interface GroupAdmin {
  /**
   * Creates an empty group.
   *
   * @throws IllegalArgumentException if the name is bad or taken by an account or a group
   */
  GroupInfo add(String name) throws IOException;

  /** Every group, by name. */
  List<GroupInfo> list() throws IOException;

  /**
   * One group.
   *
   * @throws IllegalArgumentException if there is no such group
   */
  GroupInfo show(String name) throws IOException;

  /**
   * Deletes a group; its accounts stay.
   *
   * @throws IllegalArgumentException if there is no such group
   */
  void delete(String name) throws IOException;

  /**
   * Adds ({@code add}) or removes members.
   *
   * @throws IllegalArgumentException if the group or any account does not exist
   */
  GroupInfo members(String group, List<String> accounts, boolean add) throws IOException;

  static String noGroup(String name) {
    return "No group named " + name;
  }

  /** Directly on the store, through {@link LocalAdmin}. */
  record Local(ServerConfig config, Clock clock, SecureRandom random) implements GroupAdmin {
    @Override
    public GroupInfo add(String name) throws IOException {
      return info(LocalAdmin.addGroup(config, name, clock, random));
    }

    @Override
    public List<GroupInfo> list() throws IOException {
      return LocalAdmin.groups(config, clock).stream().map(Local::info).toList();
    }

    @Override
    public GroupInfo show(String name) throws IOException {
      return info(LocalAdmin.group(config, name, clock));
    }

    @Override
    public void delete(String name) throws IOException {
      LocalAdmin.deleteGroup(config, name, clock);
    }

    @Override
    public GroupInfo members(String group, List<String> accounts, boolean add) throws IOException {
      return info(LocalAdmin.changeMembers(config, group, accounts, add, clock));
    }

    private static GroupInfo info(LocalAdmin.GroupMembers g) {
      return new GroupInfo(g.group().name(), g.members(), g.group().createdAt());
    }
  }

  /** Through the API, as the account of the session saved by {@code valise login}. */
  record Remote(ValiseApi api, Session session) implements GroupAdmin {
    /**
     * The API of the stored session.
     *
     * @throws IllegalArgumentException if nobody is logged in
     */
    static Remote of(Map<String, String> environment) {
      ClientHome home = ClientHome.resolve(environment, System.getProperty("user.home", "."));
      Session s;
      try {
        s =
            new SessionFile(home)
                .load()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "not logged in: run 'valise login URL --user NAME' as an"
                                + " administrator first (state in "
                                + home.dir()
                                + ")"));
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(15))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      return new Remote(ValiseApi.authenticated(http, s.server(), s.token()), s);
    }

    @Override
    public GroupInfo add(String name) throws IOException {
      try {
        return api.createGroup(name);
      } catch (ApiProblem p) {
        if (p.code().equals("name_taken")) {
          throw new IllegalArgumentException(
              "The name " + name + " is already an account or a group", p);
        }
        if (p.code().equals("bad_name")) {
          throw new IllegalArgumentException(p.detail(), p);
        }
        throw refused(p);
      }
    }

    @Override
    public List<GroupInfo> list() throws IOException {
      try {
        return api.groups();
      } catch (ApiProblem p) {
        throw refused(p);
      }
    }

    @Override
    public GroupInfo show(String name) throws IOException {
      try {
        return api.group(ValiseApi.segment(name));
      } catch (ApiProblem p) {
        if (p.status() == 404) {
          throw new IllegalArgumentException(noGroup(name), p);
        }
        throw refused(p);
      }
    }

    @Override
    public void delete(String name) throws IOException {
      show(name); // a clear message for an unknown group, before any change
      try {
        api.deleteGroup(name);
      } catch (ApiProblem p) {
        if (p.status() == 404) {
          throw new IllegalArgumentException(noGroup(name), p);
        }
        throw refused(p);
      }
    }

    /**
     * The API changes one member per request: an unknown account (or any refusal) undoes the
     * changes already made, so bad input changes nothing here either.
     */
    @Override
    public GroupInfo members(String group, List<String> accounts, boolean add) throws IOException {
      accounts.forEach(ValiseApi::segment);
      GroupInfo before = show(group);
      Set<String> had = new HashSet<>(before.members());
      List<String> changed = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      GroupInfo now = before;
      try {
        for (String a : accounts) {
          try {
            now = api.groupMember(group, a, add);
            if (had.contains(a) != add) {
              changed.add(a);
            }
          } catch (ApiProblem p) {
            if (p.status() != 404) {
              throw refused(p);
            }
            unknown.add(a);
          }
        }
        if (!unknown.isEmpty()) {
          throw new IllegalArgumentException("No account named " + String.join(", ", unknown));
        }
        return now;
      } catch (IOException | RuntimeException e) {
        for (String a : changed) {
          try {
            var unused = api.groupMember(group, a, !add);
          } catch (IOException undo) {
            e.addSuppressed(undo);
          }
        }
        throw e;
      }
    }

    /**
     * A refusal to pass on as it is, unless the user can act on it.
     *
     * @throws IllegalArgumentException when the session's account is not an administrator
     */
    private ApiProblem refused(ApiProblem p) {
      if (p.code().equals("not_admin")) {
        throw new IllegalArgumentException(
            "refused: "
                + session.account()
                + " is not an administrator of "
                + session.server()
                + " (log in as one with 'valise login')",
            p);
      }
      return p;
    }
  }
}
