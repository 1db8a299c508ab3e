package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.KubernetesVersion;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyEngine;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.nsg.model.AksCluster;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.SecurityRule;
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
 * <p><b>What-if copies.</b> Every {@code with*} method returns a copy with one change, checked as the loader checks a
 * dump ({@code k8s.load.ClusterConsistency}: one object per kind and name, one node per address) and refusing what
 * the API server or Azure would refuse (an unknown object or NSG, an externalTrafficPolicy on a ClusterIP Service, a
 * priority two rules share): a {@link Validated}, whose errors name the edit ({@code what-if:
 * withoutNsgRule(nsg-ingress, Nope): no custom rule Nope in NSG nsg-ingress}). Chain them with {@code flatMap};
 * {@code AksReachability.whatIf} (or {@code AksReachability.assemble}) adds the checks that need the assembled
 * network, as {@code AksReachability.load} does.
 *
 * <pre>{@code
 * Validated<Scenario> local = s.withExternalTrafficPolicy("ingress", "ingress-nginx-controller", TrafficPolicy.LOCAL)
 *     .flatMap(x -> x.withoutNsgRule("nsg-ingress", "AllowNodesToIngress"));
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

  /** This scenario, checked as {@link ScenarioLoader#load} checks a dump (for one built in memory). */
  public Validated<Scenario> validated() {
    return ScenarioEdits.validated(this);
  }

  /** A copy with other Kubernetes objects. */
  public Validated<Scenario> withKubernetes(KubernetesCluster kubernetes) {
    return ScenarioEdits.edit("withKubernetes", () -> ScenarioEdits.withKubernetes(this, kubernetes));
  }

  /** A copy with another Azure network. */
  public Validated<Scenario> withAzure(AzureNetwork azure) {
    return ScenarioEdits.edit("withAzure", () -> ScenarioEdits.withAzure(this, azure));
  }

  /** A copy with {@code service} in place of the Service of the same namespace and name (added when none). */
  public Validated<Scenario> withService(Service service) {
    return ScenarioEdits.edit("withService", () -> ScenarioEdits.SERVICES.with(this, service));
  }

  /** A copy without the Service {@code namespace/name} (an error when there is none). */
  public Validated<Scenario> withoutService(String namespace, String name) {
    return ScenarioEdits.edit("withoutService", () -> ScenarioEdits.SERVICES.without(this, namespace, name));
  }

  /**
   * A copy where the Service {@code namespace/name} has {@code externalTrafficPolicy: policy}, changed as the API
   * server changes it: switched to Local, a LoadBalancer Service without a {@code healthCheckNodePort} gets the lowest
   * free node port (the API server picks a free one at random: give the real one with {@link #withService}); switched
   * to Cluster, it loses its {@code healthCheckNodePort}. A ClusterIP or ExternalName Service is refused.
   *
   * <pre>{@code
   * s.withExternalTrafficPolicy("ingress", "ingress-nginx-controller", TrafficPolicy.LOCAL).orElseThrow();
   * }</pre>
   */
  public Validated<Scenario> withExternalTrafficPolicy(String namespace, String name, TrafficPolicy policy) {
    return ScenarioEdits.edit("withExternalTrafficPolicy",
        () -> ScenarioEdits.withExternalTrafficPolicy(this, namespace, name, policy));
  }

  /** A copy with {@code ingress} in place of the Ingress of the same namespace and name (added when none). */
  public Validated<Scenario> withIngress(Ingress ingress) {
    return ScenarioEdits.edit("withIngress", () -> ScenarioEdits.INGRESSES.with(this, ingress));
  }

  /** A copy without the Ingress {@code namespace/name} (an error when there is none). */
  public Validated<Scenario> withoutIngress(String namespace, String name) {
    return ScenarioEdits.edit("withoutIngress", () -> ScenarioEdits.INGRESSES.without(this, namespace, name));
  }

  /** A copy with {@code policy} in place of the NetworkPolicy of the same namespace and name (added when none). */
  public Validated<Scenario> withNetworkPolicy(NetworkPolicy policy) {
    return ScenarioEdits.edit("withNetworkPolicy", () -> ScenarioEdits.NETWORK_POLICIES.with(this, policy));
  }

  /** A copy without the NetworkPolicy {@code namespace/name} (an error when there is none). */
  public Validated<Scenario> withoutNetworkPolicy(String namespace, String name) {
    return ScenarioEdits.edit("withoutNetworkPolicy",
        () -> ScenarioEdits.NETWORK_POLICIES.without(this, namespace, name));
  }

  /**
   * A copy where the NSG {@code nsg} (its name, or its resource id when names repeat across resource groups) has the
   * custom rule {@code rule}, in place of its custom rule of the same name if any. A priority another rule of that
   * direction holds is refused, as Azure refuses it.
   *
   * <pre>{@code
   * SecurityRule allow = SecurityRule.builder().name("AllowClientToUser").priority(Priority.of(120))
   *     .direction(Direction.INBOUND).access(Access.ALLOW)
   *     .source(AddressSpec.prefixes(IpPrefix.of("192.168.1.4/32"))).build();   // other fields default to "*"
   * s.withNsgRule("nsg-user", allow);
   * }</pre>
   */
  public Validated<Scenario> withNsgRule(String nsg, SecurityRule rule) {
    return ScenarioEdits.edit("withNsgRule", () -> ScenarioEdits.withNsgRule(this, nsg, rule));
  }

  /** A copy where the NSG {@code nsg} lacks its custom rule {@code rule} (an error when it has none). */
  public Validated<Scenario> withoutNsgRule(String nsg, String rule) {
    return ScenarioEdits.edit("withoutNsgRule", () -> ScenarioEdits.withoutNsgRule(this, nsg, rule));
  }
}
