/**
 * The article's lab, bundled as scenario directories, and its seven observations.
 */
@NullMarked
package io.github.aksreach.examples.lab;

import org.jspecify.annotations.NullMarked;
