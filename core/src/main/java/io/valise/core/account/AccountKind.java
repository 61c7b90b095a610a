package io.valise.core.account;

/** Whether an account is a person or a system (a lab information system, an automation). */
public enum AccountKind {
  PERSON,
  SYSTEM
}
