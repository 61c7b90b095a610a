package io.valise.core.auth;

/**
 * The result of scoring a failure: the state to store and the decision for the subject now.
 *
 * @param state to write back for the subject
 * @param decision whether the subject is banned after this failure
 */
public record BruteForceOutcome(BruteForceState state, BanDecision decision) {}
