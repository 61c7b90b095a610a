package io.valise.core.group;

import io.valise.core.id.AccountId;
import io.valise.core.id.GroupId;
import java.util.List;
import java.util.Optional;

/**
 * Stores groups and their members. All methods throw {@link io.valise.core.tx.StoreException} when
 * the store fails, and join the caller's transaction if there is one.
 */
public interface GroupRepository {
  /**
   * Stores a new, empty group.
   *
   * @throws io.valise.core.tx.ConflictException if its id or name is already taken by an account or
   *     a group (they share one namespace)
   */
  void create(Group group);

  /** The group with this id. */
  Optional<Group> find(GroupId id);

  /** The group with this name. */
  Optional<Group> findByName(String name);

  /** Every group, ordered by name. */
  List<Group> list();

  /** Deletes a group and its memberships (not the accounts); false if there was none. */
  boolean delete(GroupId id);

  /**
   * Adds a member; returns false if the account already was one.
   *
   * @throws io.valise.core.tx.UnknownReferenceException if the group or the account is missing
   */
  boolean addMember(GroupId group, AccountId account);

  /** Removes a member; returns false if the account was not one. */
  boolean removeMember(GroupId group, AccountId account);

  /** The members of a group, in a stable order; empty if the group is missing. */
  List<AccountId> members(GroupId group);

  /** The groups an account belongs to, in a stable order. */
  List<GroupId> groupsOf(AccountId account);
}
