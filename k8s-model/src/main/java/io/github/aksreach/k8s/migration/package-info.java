/**
 * The move off ingress-nginx to the Gateway API (issue 11, DOMAIN-GATEWAY section 6): who reaches what before and
 * after, as exact source sets. {@link io.github.aksreach.k8s.migration.L7Diff} compares two scenarios per host and
 * path at layer 7; {@link io.github.aksreach.k8s.migration.IstioGateways} and
 * {@link io.github.aksreach.k8s.migration.GatewayClients} give the built-in migration checks their model values.
 *
 * <pre>{@code
 * L7Diff d = L7Diff.of(before, after);              // AksReachability on each side
 * d.entries().get(0);                               // demoapi.example.com /weatherforecast :80
 * d.toText("step6", "step8");
 * IstioGateways.of(cluster, GatewayOptions.defaults()).get(0).gateway().name();   // "web"
 * }</pre>
 */
@PolicyStyle
@NullMarked
package io.github.aksreach.k8s.migration;

import io.github.aksreach.core.PolicyStyle;
import org.jspecify.annotations.NullMarked;
