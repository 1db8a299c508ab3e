/**
 * Rule analysis in the manner of a Batfish question: NSG rules that can never decide a flow, because
 * higher-priority rules of the same direction match everything they match, or because they match nothing.
 *
 * <pre>{@code
 * ShadowedRulesResult r = ShadowedRulesAnalyzer.analyze(net, ShadowedRulesQuery.defaults());
 * r.rows().forEach(row -> System.out.println(row));
 * // nsg-user inbound AllowWeb (500) SHADOWED by DenyAllCustom (400) [conflicting: a deny shadows an allow]
 * }</pre>
 */
@PolicyStyle
@NullMarked
package io.github.aksreach.nsg.analysis.shadowedrules;

import io.github.aksreach.core.PolicyStyle;
import org.jspecify.annotations.NullMarked;
