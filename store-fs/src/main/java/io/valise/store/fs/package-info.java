/**
 * A {@link io.valise.core.blob.BlobStore} on the local file system. {@link
 * io.valise.store.fs.FsBlobStore} is the only public type.
 */
@NullMarked
package io.valise.store.fs;

import org.jspecify.annotations.NullMarked;
