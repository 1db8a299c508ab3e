package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.load.ClusterConsistency;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.SecurityRule;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The edits behind {@link Scenario}'s {@code with*} copies: each names what it changes, refuses what the API server
 * or Azure would refuse (as errors naming the edit), and checks the result as the loader checks a dump
 * ({@link ClusterConsistency}).
 */
final class ScenarioEdits {
  /** The "file" of an error made by an edit: the edit is the input. */
  static final String WHAT_IF = "what-if";

  private ScenarioEdits() {}

  /** {@code s} checked as a loaded scenario is: the cross-object rules of the Kubernetes objects. */
  static Validated<Scenario> validated(Scenario s) {
    List<ModelError> errors = ClusterConsistency.errors(s.kubernetes());
    return errors.isEmpty() ? Validated.valid(s) : Validated.invalid(Vector.ofAll(errors));
  }

  /** Runs {@code edit}; a model invariant it breaks (a builder's check) comes back as an error at {@code path}. */
  static Validated<Scenario> edit(String path, Supplier<Validated<Scenario>> edit) {
    try {
      return edit.get().flatMap(ScenarioEdits::validated);
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      // Immutables' checks (InvalidModelException is an IllegalArgumentException) and strict builders
      return refused(path, String.valueOf(e.getMessage()));
    }
  }

  static Validated<Scenario> refused(String path, String message) {
    return Validated.invalid(Vector.of(new ModelError(WHAT_IF, path, message)));
  }

  static Validated<Scenario> withKubernetes(Scenario s, KubernetesCluster k8s) {
    return Validated.valid(new Scenario(s.name(), s.azure(), k8s, s.aks(), s.config(), s.notes()));
  }

  static Validated<Scenario> withAzure(Scenario s, AzureNetwork azure) {
    return Validated.valid(new Scenario(s.name(), azure, s.kubernetes(), s.aks(), s.config(), s.notes()));
  }

  /** {@code items} with the first item matching {@code same} replaced by {@code item}, or {@code item} appended. */
  static <T> List<T> replaced(List<T> items, Predicate<T> same, T item) {
    List<T> out = new ArrayList<>(items);
    for (int i = 0; i < out.size(); i++) {
      if (same.test(out.get(i))) {
        out.set(i, item);
        return out;
      }
    }
    out.add(item);
    return out;
  }

  /** {@code items} without those matching {@code same}, or empty when none matched. */
  static <T> Optional<List<T>> removed(List<T> items, Predicate<T> same) {
    List<T> out = new ArrayList<>(items);
    return out.removeIf(same) ? Optional.of(out) : Optional.empty();
  }

  /** One kind of namespaced object of the cluster: how to read its list, replace it, and name an object. */
  record Kind<T>(String name, Function<KubernetesCluster, List<T>> list,
                         java.util.function.BiFunction<KubernetesCluster, List<T>, KubernetesCluster> withList,
                         Function<T, String> key) {
    Validated<Scenario> with(Scenario s, T object) {
      KubernetesCluster k = s.kubernetes();
      String objectKey = key.apply(object);
      return withKubernetes(s, withList.apply(k, replaced(list.apply(k), o -> key.apply(o).equals(objectKey),
          object)));
    }

    Validated<Scenario> without(Scenario s, String namespace, String objectName) {
      KubernetesCluster k = s.kubernetes();
      String objectKey = namespace + "/" + objectName;
      return removed(list.apply(k), o -> key.apply(o).equals(objectKey))
          .map(l -> withKubernetes(s, withList.apply(k, l)))
          .orElseGet(() -> refused("without" + name + "(" + objectKey + ")", "no " + name + " " + objectKey
              + " in the scenario"));
    }
  }

  static final Kind<Service> SERVICES = new Kind<>("Service", KubernetesCluster::services,
      KubernetesCluster::withServices, Service::key);
  static final Kind<Ingress> INGRESSES = new Kind<>("Ingress", KubernetesCluster::ingresses,
      KubernetesCluster::withIngresses, Ingress::key);
  static final Kind<NetworkPolicy> NETWORK_POLICIES = new Kind<>("NetworkPolicy", KubernetesCluster::networkPolicies,
      KubernetesCluster::withNetworkPolicies, NetworkPolicy::key);

  /**
   * The Service with {@code policy}, as the API server applies the change: only a NodePort or LoadBalancer Service
   * takes one; switching a LoadBalancer Service to Local allocates a {@code healthCheckNodePort} when it has none (the
   * lowest free node port: the API server picks a free one at random), switching to Cluster releases it.
   */
  static Validated<Scenario> withExternalTrafficPolicy(Scenario s, String namespace, String name,
      TrafficPolicy policy) {
    String path = "withExternalTrafficPolicy(" + namespace + "/" + name + ", " + policy + ")";
    Optional<Service> found = s.kubernetes().service(namespace, name);
    if (found.isEmpty()) {
      return refused(path, "no Service " + namespace + "/" + name + " in the scenario");
    }
    Service svc = found.get();
    if (!svc.type().hasNodePorts()) {
      return refused(path, "Service " + svc.key() + " is of type " + svc.type().apiName()
          + ": externalTrafficPolicy applies only to NodePort and LoadBalancer Services (the API server refuses it)");
    }
    Service changed = svc.withExternalTrafficPolicy(policy);
    if (policy == TrafficPolicy.CLUSTER) {
      changed = changed.withHealthCheckNodePort(java.util.OptionalInt.empty());
    } else if (changed.needsHealthCheckNodePort() && changed.healthCheckNodePort().isEmpty()) {
      Optional<Integer> port = ManifestAssumptions.lowestFreeNodePort(s.kubernetes());
      if (port.isEmpty()) {
        return refused(path, "no free node port left for the healthCheckNodePort of Service " + svc.key());
      }
      changed = changed.withHealthCheckNodePort(port.get());
    }
    return SERVICES.with(s, changed);
  }

  /** The NSG {@code nsg} names (its name, or its full resource id), edited by {@code change}. */
  static Validated<Scenario> withNsg(Scenario s, String nsg, String path,
      Function<NetworkSecurityGroup, Validated<NetworkSecurityGroup>> change) {
    AzureNetwork az = s.azure();
    List<NetworkSecurityGroup> named = nsg.startsWith("/") ? az.nsg(ResourceId.of(nsg)).stream().toList()
        : az.nsgsNamed(nsg);
    if (named.isEmpty()) {
      return refused(path, "no NSG " + nsg + " in the scenario (NSGs: "
          + String.join(", ", az.nsgs().stream().map(NetworkSecurityGroup::name).toList()) + ")");
    }
    if (named.size() > 1) {
      return refused(path, "NSG name " + nsg + " is ambiguous: give the resource id of one of "
          + String.join(", ", named.stream().map(n -> n.id().toString()).toList()));
    }
    NetworkSecurityGroup old = named.get(0);
    return change.apply(old).flatMap(n -> withAzure(s, az.withNsgs(
        replaced(az.nsgs(), o -> o == old, n))));
  }

  /** {@code rule} added to the custom rules of {@code nsg}, in place of a custom rule of the same name if any. */
  static Validated<Scenario> withNsgRule(Scenario s, String nsg, SecurityRule rule) {
    String path = "withNsgRule(" + nsg + ", " + rule.name() + ")";
    return withNsg(s, nsg, path, n -> {
      if (n.defaultRules().stream().anyMatch(r -> r.name().equalsIgnoreCase(rule.name()))) {
        return Validated.invalid(Vector.of(new ModelError(WHAT_IF, path, rule.name()
            + " is the name of a default rule of " + n.name() + ": a custom rule needs another name")));
      }
      return Validated.valid(n.withCustomRules(replaced(n.customRules(),
          r -> r.name().equalsIgnoreCase(rule.name()), rule)));
    });
  }

  /** {@code nsg} without its custom rule {@code rule}. */
  static Validated<Scenario> withoutNsgRule(Scenario s, String nsg, String rule) {
    String path = "withoutNsgRule(" + nsg + ", " + rule + ")";
    return withNsg(s, nsg, path, n -> removed(n.customRules(), r -> r.name().equalsIgnoreCase(rule))
        .map(l -> Validated.valid(n.withCustomRules(l)))
        .orElseGet(() -> Validated.invalid(Vector.of(new ModelError(WHAT_IF, path, n.rule(rule).isPresent()
            ? rule + " is a default rule of " + n.name() + ": Azure's default rules cannot be removed"
            : "no custom rule " + rule + " in NSG " + n.name())))));
  }
}
