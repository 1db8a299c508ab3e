/**
 * The AKS assembly and the end-to-end analysis: a scenario directory loaded
 * ({@link io.github.aksreach.k8s.cluster.ScenarioLoader}), cloud-provider-azure's derivation
 * ({@link io.github.aksreach.k8s.cluster.CloudProviderAzure}), the lazy end-to-end graph
 * ({@link io.github.aksreach.k8s.aks.AksGraph}), probe-derived health and the facade
 * {@link io.github.aksreach.k8s.aks.AksReachability}.
 */
@NullMarked
package io.github.aksreach.k8s.aks;

import io.github.aksreach.k8s.cluster.ScenarioLoader;
import io.github.aksreach.k8s.cluster.CloudProviderAzure;
import org.jspecify.annotations.NullMarked;
