/**
 * Rendering: the text, JSON and SARIF of every report ({@link io.github.aksreach.k8s.analysis.CheckReport},
 * {@link io.github.aksreach.k8s.analysis.ReachReport}, {@link io.github.aksreach.k8s.aks.HealthReport},
 * {@link io.github.aksreach.k8s.aks.ScenarioDiff}, {@link io.github.aksreach.k8s.aks.FlowLogExplanation},
 * {@link io.github.aksreach.k8s.checks.LintReport}), made from their values. The report types carry values and
 * queries only; this package is the top of k8s-model and nothing below it depends on it (an architecture test holds
 * it). A hop's own words come from {@link io.github.aksreach.k8s.trace.Describe}.
 *
 * <pre>{@code
 * CheckReport r = analysis.check(flow);
 * System.out.println(CheckOutput.text(r));   // verdict, then each path with its hops
 * String json = CheckOutput.json(r);         // CONTRACTS.md section 2
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.output;

import org.jspecify.annotations.NullMarked;
