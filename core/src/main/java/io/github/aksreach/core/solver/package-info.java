/**
 * The path solver: elements (classifiers, forks, rewrites, sinks), exact weighted path trees, three-valued verdicts,
 * traces with the header as each hop saw it, and who-can-reach source sets.
 */
@NullMarked
package io.github.aksreach.core.solver;

import org.jspecify.annotations.NullMarked;
