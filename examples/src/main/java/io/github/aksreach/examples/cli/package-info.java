/**
 * The {@code aksreach} command line.
 */
@NullMarked
package io.github.aksreach.examples.cli;

import org.jspecify.annotations.NullMarked;
