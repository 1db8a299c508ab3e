/**
 * JMH benchmarks; each class documents the command that runs it.
 */
@NullMarked
package io.github.aksreach.examples.bench;

import org.jspecify.annotations.NullMarked;
