package io.valise.core.envelope;

import io.valise.core.id.BlobId;
import io.valise.core.id.EnvelopeId;

/** An envelope that expired or used up its downloads, and the payload blob to delete with it. */
public record PurgeCandidate(EnvelopeId id, BlobId payload) {}
