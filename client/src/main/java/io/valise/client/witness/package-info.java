/**
 * A witness of the audit log (issue 4): it keeps the last checkpoint it cosigned, verifies that
 * every newer checkpoint extends it (consistency proof), and cosigns only then, so that a log that
 * shows different histories to different people (a split view) or rewinds its history cannot get
 * both cosigned. {@link io.valise.client.witness.Witness} is the logic, {@link
 * io.valise.client.witness.WitnessState} and {@link io.valise.client.witness.StateDir} what it
 * remembers, {@link io.valise.client.witness.LogEndpoint} what it asks the log.
 */
@NullMarked
package io.valise.client.witness;

import org.jspecify.annotations.NullMarked;
