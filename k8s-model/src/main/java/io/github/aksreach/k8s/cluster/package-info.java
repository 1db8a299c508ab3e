/**
 * The cluster placed on its Azure network, as the hop families read it: the loaded {@link
 * io.github.aksreach.k8s.cluster.Scenario}, the options, the load-balancer model (the Azure model's load balancers,
 * dumped or derived as cloud-provider-azure would by {@link io.github.aksreach.k8s.cluster.CloudProviderAzure}, every
 * setting resolved scenario.yaml &gt; dump &gt; default by {@link io.github.aksreach.k8s.cluster.LoadBalancerResolver}
 * into {@link io.github.aksreach.k8s.cluster.LoadBalancing}), equivalence classes of nodes and the assembled {@link
 * io.github.aksreach.k8s.cluster.AksNetwork}.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("my-cluster")).get();
 * AksNetwork net = AksNetwork.assemble(s, AksOptions.defaults());
 * net.loadBalancing().rules();   // the LB rules, dumped or derived from Services
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.cluster;

import org.jspecify.annotations.NullMarked;
