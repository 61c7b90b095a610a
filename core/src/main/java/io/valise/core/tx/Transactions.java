package io.valise.core.tx;

/**
 * Runs work in one metadata transaction. Every repository call made on the same thread inside
 * {@link #inTransaction} joins that transaction, so for example an envelope and the audit entry
 * that records it are committed together or not at all.
 *
 * <p>Nested calls join the outer transaction: only the outermost commits. If the work throws,
 * everything it wrote is rolled back and the exception propagates unchanged.
 */
public interface Transactions {
  /**
   * Runs {@code work} in a transaction and commits it if it returns normally.
   *
   * @throws X whatever {@code work} throws, after the rollback
   * @throws StoreException if the store cannot begin or commit the transaction
   */
  <T, X extends Exception> T inTransaction(Work<T, X> work) throws X;

  /** Work done inside a transaction. */
  @FunctionalInterface
  interface Work<T, X extends Exception> {
    /** Does the work; the repositories it calls join the transaction. */
    T run() throws X;
  }
}
