/**
 * Checks as code for AKS ingress: the built-in catalog of pitfalls ({@link io.github.aksreach.k8s.checks.AksChecks}),
 * the subject they run on ({@link io.github.aksreach.k8s.checks.CheckContext}), intents from {@code scenario.yaml},
 * least-privilege NSG advice, fluent building blocks for users' own checks, and the lint report (rendered as text, JSON or SARIF by {@code k8s.output.LintOutput}).
 *
 * <pre>{@code
 * CheckContext ctx = CheckContext.load(Path.of("dumps/prod")).orElseThrow();
 * LintReport report = LintReport.run(ctx, AksChecks.all());
 * report.findings(Severity.WARNING);   // what --fail-on warning fails on
 * AksChecks.BACKEND_DOWN_BY_POLICY.evaluate(ctx).assertNoViolations();   // in a JUnit test
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.checks;

import org.jspecify.annotations.NullMarked;
