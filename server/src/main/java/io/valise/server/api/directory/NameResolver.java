package io.valise.server.api.directory;

import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.group.Group;
import io.valise.core.group.GroupRepository;
import io.valise.core.id.AccountId;
import io.valise.server.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a recipient list ({@code ?to=bob,cpam-75}) into accounts: an account name is that account,
 * a group name is its active members at this moment. Disabled accounts are never recipients.
 */
public final class NameResolver {
  /** The most recipients of one envelope, after groups are expanded. */
  public static final int MAX_RECIPIENTS = 100;

  private static final String NAME = "[a-z0-9._-]{1,64}";

  private final AccountRepository accounts;
  private final GroupRepository groups;

  public NameResolver(AccountRepository accounts, GroupRepository groups) {
    this.accounts = accounts;
    this.groups = groups;
  }

  /**
   * The accounts named by a comma-separated list, without repetition, in the order named.
   *
   * @throws ApiException.BadRequest {@code no_recipients}, {@code unknown_recipient} naming the
   *     name, {@code empty_group}, or {@code too_many_recipients}
   */
  public List<AccountId> resolve(@Nullable String to) {
    if (to == null || to.isBlank()) {
      throw new ApiException.BadRequest("no_recipients", "Name at least one recipient with ?to=");
    }
    String[] names = to.split(",", -1);
    if (names.length > MAX_RECIPIENTS) {
      throw tooMany();
    }
    Set<AccountId> ids = new LinkedHashSet<>();
    for (String name : names) {
      Optional<Account> account = name.matches(NAME) ? accounts.findByName(name) : Optional.empty();
      if (account.isPresent() && account.get().active()) {
        ids.add(account.get().id());
        continue;
      }
      Optional<Group> group =
          account.isEmpty() && name.matches(NAME) ? groups.findByName(name) : Optional.empty();
      if (group.isEmpty()) {
        throw new ApiException.BadRequest(
            "unknown_recipient", "No active account or group named [" + printable(name) + "]");
      }
      List<AccountId> members = activeMembers(group.get());
      if (members.isEmpty()) {
        throw new ApiException.BadRequest(
            "empty_group", "Group [" + name + "] has no active member to send to");
      }
      ids.addAll(members);
    }
    if (ids.size() > MAX_RECIPIENTS) {
      throw tooMany();
    }
    return new ArrayList<>(ids);
  }

  /** The group's members that are active, by name. */
  public List<Account> members(Group group) {
    List<Account> out = new ArrayList<>();
    for (AccountId id : groups.members(group.id())) {
      accounts.find(id).filter(Account::active).ifPresent(out::add);
    }
    out.sort(java.util.Comparator.comparing(Account::name));
    return out;
  }

  private List<AccountId> activeMembers(Group group) {
    return members(group).stream().map(Account::id).toList();
  }

  private static ApiException tooMany() {
    return new ApiException.BadRequest(
        "too_many_recipients", "At most " + MAX_RECIPIENTS + " recipients, groups counted");
  }

  /** At most 64 printable ASCII characters of {@code s}, for messages. */
  public static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
