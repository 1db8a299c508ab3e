/**
 * Reports of the analysis in the JSON shapes of CONTRACTS.md: {@code check} and {@code reach}.
 */
@NullMarked
package io.github.aksreach.k8s.analysis;

import org.jspecify.annotations.NullMarked;
