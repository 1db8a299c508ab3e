/**
 * Reading scenario files safely: {@link io.github.aksreach.core.input.InputFiles} (size caps, special files and
 * symbolic links refused up front, byte-order marks and UTF-16/32), {@link io.github.aksreach.core.input.ReadLimits}
 * and {@link io.github.aksreach.core.input.Documents} (JSON and YAML trees with anchors, aliases, merge keys,
 * several documents per file, duplicate keys refused), {@link io.github.aksreach.core.input.TapeLists} (large JSON
 * lists read from their bytes, element by element, each a {@link io.github.aksreach.core.input.Tape}: no tree, no
 * string for a value nobody reads; what it does not take, {@code Documents} reads). Every loader of every module
 * reads through them.
 */
@NullMarked
package io.github.aksreach.core.input;

import org.jspecify.annotations.NullMarked;
