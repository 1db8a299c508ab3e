/**
 * Builds an aksreach scenario from fabric8 Kubernetes objects or a live {@code KubernetesClient}
 * ({@link io.github.aksreach.fabric8.Fabric8Scenario}), through the same loader as a dump directory.
 *
 * <pre>{@code
 * try (KubernetesClient client = new KubernetesClientBuilder().build()) {
 *   AksReachability a = AksReachability.load(Fabric8Scenario.from(client).orElseThrow()
 *       .plus(azureSources)).orElseThrow();
 * }
 * }</pre>
 *
 * <p>fabric8 brings Jackson 3 ({@code tools.jackson}); it stays in this module's dependency tree and out of the
 * core modules, which use Jackson 2 (the build's enforcer rule holds that).
 */
package io.github.aksreach.fabric8;
