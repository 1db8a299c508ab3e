/**
 * Whether two NSGs (one direction each, compiled in an address context) allow the same flows, and the first flow on
 * which they do not.
 *
 * <pre>{@code
 * Optional<NsgEquivalence.Difference> d = NsgEquivalence.firstDifference(before, after, FlowSpace.all());
 * d.map(NsgEquivalence.Difference::flow);   // e.g. tcp 10.0.0.4:0 -> 10.1.0.5:443, allowed by one, denied by the other
 * }</pre>
 */
@PolicyStyle
@NullMarked
package io.github.aksreach.nsg.analysis.equivalence;

import io.github.aksreach.core.PolicyStyle;
import org.jspecify.annotations.NullMarked;
