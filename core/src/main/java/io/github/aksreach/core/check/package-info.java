/**
 * Checks as code, in the manner of ArchUnit rules: a {@link io.github.aksreach.core.check.Check} has an id, a
 * severity and a sentence, and evaluates a subject into a {@link io.github.aksreach.core.check.CheckResult} of
 * {@link io.github.aksreach.core.check.Finding}s (message, evidence, fix, location). Generic: nothing here knows a
 * network vendor; the model modules supply subjects, predicates, conditions and built-in catalogs.
 *
 * <pre>{@code
 * Check<Network> rule = Checks.all(SubjectTransformer.of("backends", Network::backends))
 *     .that(DescribedPredicate.describe("serve port 443", b -> b.port() == 443))
 *     .should(PolicyCondition.fromPredicate("be UP", Backend::up, b -> b + " is DOWN"))
 *     .because("a DOWN backend silently drops a share of the traffic");
 * rule.evaluate(network).assertNoViolations();   // AssertionError: the sentence, then every finding
 * }</pre>
 */
@NullMarked
package io.github.aksreach.core.check;

import org.jspecify.annotations.NullMarked;
