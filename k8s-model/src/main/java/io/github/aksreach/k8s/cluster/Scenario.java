package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.KubernetesVersion;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.NetworkPolicyEngine;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.github.aksreach.nsg.model.AksCluster;
import io.github.aksreach.nsg.model.AzureNetwork;
import java.util.List;
import java.util.Optional;

/**
 * Everything a scenario directory holds: the Azure network, the Kubernetes objects, what {@code az aks show} said,
 * and {@code scenario.yaml}, with the notes the loaders made. Settings resolve with the precedence of CONTRACTS.md:
 * {@code scenario.yaml}, then the dumps, then the defaults.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("my-cluster")).orElseThrow();
 * s.networkPlugin();        // KUBENET unless scenario.yaml or `az aks show` says otherwise
 * s.policyEngine();         // NONE: NetworkPolicies are loaded but not enforced
 * }</pre>
 *
 * @param name a display name (the directory's name)
 * @param azure the Azure network (empty when the scenario has no azure/ folder)
 * @param kubernetes the Kubernetes objects
 * @param aks {@code az aks show}, when dumped
 * @param config scenario.yaml (defaults when absent)
 * @param notes what the loaders noted (skipped kinds, lenient readings, tolerated references)
 */
public record Scenario(String name, AzureNetwork azure, KubernetesCluster kubernetes, Optional<AksCluster> aks,
                       ScenarioConfig config, List<ModelError> notes) {
  public Scenario {
    notes = List.copyOf(notes);
  }

  /** {@code cluster.networkPlugin}, else {@code az aks show}, else kubenet. */
  public NetworkPlugin networkPlugin() {
    if (config.networkPlugin().isPresent()) {
      return config.networkPlugin().get();
    }
    return aks.flatMap(a -> a.networkPlugin().flatMap(p -> NetworkPlugin.fromAks(p, a.networkPluginMode())
        .toJavaOptional())).orElse(NetworkPlugin.KUBENET);
  }

  /** {@code cluster.networkPolicy}, else {@code networkProfile.networkPolicy}, else none. */
  public NetworkPolicyEngine policyEngine() {
    if (config.networkPolicy().isPresent()) {
      return config.networkPolicy().get();
    }
    return aks.flatMap(a -> a.networkPolicy().flatMap(p -> NetworkPolicyEngine.parse(p).toJavaOptional()))
        .orElse(NetworkPolicyEngine.NONE);
  }

  /** {@code cluster.kubernetesVersion}, else {@code az aks show}, else the nodes' kubelet version, if any. */
  public Optional<KubernetesVersion> kubernetesVersion() {
    if (config.kubernetesVersion().isPresent()) {
      return config.kubernetesVersion();
    }
    Optional<KubernetesVersion> fromAks = aks.flatMap(a -> a.kubernetesVersion())
        .flatMap(v -> KubernetesVersion.parse(v).toJavaOptional());
    if (fromAks.isPresent()) {
      return fromAks;
    }
    return kubernetes.nodes().stream().flatMap(n -> n.kubeletVersion().stream())
        .flatMap(v -> KubernetesVersion.parse(v).toJavaOptional().stream()).findFirst();
  }
}
