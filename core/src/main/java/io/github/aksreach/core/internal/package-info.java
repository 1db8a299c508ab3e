/**
 * Engine internals (interval decision diagrams, 128-bit range sets, the classification index). Not public API: model
 * modules use {@code core.model}, {@code core.match} and {@code core.solver} only (an ArchUnit rule checks it).
 */
@NullMarked
package io.github.aksreach.core.internal;

import org.jspecify.annotations.NullMarked;
