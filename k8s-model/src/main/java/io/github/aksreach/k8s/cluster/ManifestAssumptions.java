package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.Provenance;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a scenario built from manifests rather than dumps lacks, filled in as the running system would and said out
 * loud: every assumption is a {@code WARNING} note naming the object (file and path where known) and what was
 * assumed. Nothing here changes a dumped value.
 *
 * <pre>{@code
 * Scenario s = ManifestAssumptions.apply(ScenarioLoader.load(dir).orElseThrow());
 * s.notes();   // "k8s/svc.yaml: items[0]: WARNING: Service default/web: externalTrafficPolicy Local without ..."
 * }</pre>
 *
 * <ul>
 *   <li>A NodePort or LoadBalancer Service port without {@code nodePort}, and an {@code externalTrafficPolicy:
 *   Local} LoadBalancer Service without {@code healthCheckNodePort}: the API server allocates both from the node-port
 *   range 30000-32767 when the object is created (at random); here the lowest port of the range no other Service of
 *   the scenario uses, in dump order (a LoadBalancer with {@code allocateLoadBalancerNodePorts: false} gets no
 *   nodePort, as in the API server).</li>
 *   <li>A LoadBalancer Service with no address yet (no {@code status.loadBalancer.ingress}, no
 *   {@code spec.loadBalancerIP}, no address annotation): no frontend is modelled, only its ClusterIP and nodePorts.</li>
 *   <li>A live pod whose node the dump lacks: reachable by its pod address only as the network plugin routes it (see
 *   {@link AksNetwork#absentNodes()}).</li>
 *   <li>A scenario with Kubernetes objects but no Azure network: no NSG is known, so no agent-pool NSG is on the
 *   path and flows through a Standard public frontend count as denied (secure by default).</li>
 * </ul>
 */
public final class ManifestAssumptions {
  /** The node-port range of the API server ({@code --service-node-port-range} default). */
  public static final int NODE_PORT_MIN = 30000;
  public static final int NODE_PORT_MAX = 32767;

  private ManifestAssumptions() {}

  /** {@code s} with the derived ports in place and a warning for every assumption made. */
  public static Scenario apply(Scenario s) {
    List<ModelError> notes = new ArrayList<>(s.notes());
    KubernetesCluster k8s = withDerivedNodePorts(s.kubernetes(), notes);
    for (Service svc : k8s.services()) {
      if (svc.isLoadBalancer() && svc.frontendIps().isEmpty()) {
        notes.add(warning(svc.provenance(), "Service " + svc.key() + " is type LoadBalancer but has no address yet "
            + "(no status.loadBalancer.ingress, spec.loadBalancerIP or azure-load-balancer-ipv4 annotation): assumed "
            + "not provisioned, so no load-balancer frontend, rule or managed NSG rule is modelled for it; only its "
            + "ClusterIP and nodePorts are. Give the address (status, or spec.loadBalancerIP) to check its frontend"));
      }
    }
    NetworkPlugin plugin = s.networkPlugin();
    // the warnings below replace the loader's shorter notes on the same pods, under the name the loader gave the file
    // (k8s/x.yaml from a directory, the text's own name from ScenarioSources); found in one pass over the notes, not
    // one per pod (a dump of 100,000 pods on a node it lacks took hours when each warning searched every note)
    Map<List<String>, String> loaderNames = new HashMap<>();
    for (ModelError n : notes) {
      if (n.message().contains("which is not in the dump")) {
        loaderNames.put(List.of(n.file().startsWith("k8s/") ? n.file().substring(4) : n.file(), n.path()), n.file());
      }
    }
    Set<List<String>> replaced = new HashSet<>();
    List<ModelError> onAbsentNodes = new ArrayList<>();
    for (Pod p : k8s.pods()) {
      if (p.isLive() && !p.hostNetwork() && !p.podIps().isEmpty() && p.nodeName().isPresent()
          && k8s.node(p.nodeName().get()).isEmpty()) {
        String how = plugin == NetworkPlugin.AZURE
            ? "under Azure CNI its address " + p.podIps() + " is still routed by the VNet: flows to it, directly or "
                + "as a Service endpoint, are checked through its subnet's NSG, the cluster NSG (assumed on the node's "
                + "NIC) and its NetworkPolicies; as a source it counts as outside the cluster (its egress policies and "
                + "its node's outbound NSGs are not known)"
            : "under " + plugin.configName() + " the route to its address " + p.podIps() + " is the node's and "
                + "cannot be derived: flows to it end with NO_ROUTE naming the node";
        ModelError w = warning(p.provenance(), "pod " + p.key() + " runs on node " + p.nodeName().get()
            + ", which is not in the dump (kubectl get nodes): " + how);
        String named = loaderNames.get(List.of(p.provenance().map(Provenance::file).orElse(""), w.path()));
        if (named != null) {
          replaced.add(List.of(named, w.path()));
          w = new ModelError(named, w.path(), w.message());
        }
        onAbsentNodes.add(w);
      }
    }
    notes.removeIf(n -> n.message().contains("which is not in the dump") && replaced.contains(List.of(n.file(),
        n.path())));
    notes.addAll(onAbsentNodes);
    if (s.azure().nsgs().isEmpty() && !k8s.nodes().isEmpty()) {
      String what = s.azure().equals(AzureNetwork.empty()) ? "no Azure network was given (azure/ is missing or empty)"
          : "no NSG was given (azure/ holds no az network nsg output)";
      notes.add(new ModelError("azure/", "", "WARNING: " + what + ": no "
          + "agent-pool NSG is known, so none is on the path; a Standard SKU public frontend with no NSG counts as "
          + "secure by default (every flow through it NEVER) and internal flows meet no NSG at all. Every AKS "
          + "cluster has its agent-pool NSG (aks-agentpool-*-nsg, with the rules cloud-provider-azure writes for "
          + "the Services): dump it with `az network nsg list -g <node resource group>` (and the VNet, NICs and route "
          + "tables) for answers about the real path"));
    }
    return new Scenario(s.name(), s.azure(), k8s, s.aks(), s.config(), notes);
  }

  /** The node ports (nodePorts and healthCheckNodePorts) the Services of {@code k8s} hold. */
  private static BitSet usedNodePorts(KubernetesCluster k8s) {
    BitSet used = new BitSet();
    for (Service svc : k8s.services()) {
      svc.ports().forEach(p -> p.nodePort().ifPresent(used::set));
      svc.healthCheckNodePort().ifPresent(used::set);
    }
    return used;
  }

  /** The node port aksreach allocates next in {@code k8s} (the lowest free one), if the range has one left. */
  static Optional<Integer> lowestFreeNodePort(KubernetesCluster k8s) {
    return allocate(usedNodePorts(k8s));
  }

  /** The cluster with a nodePort and healthCheckNodePort wherever the API server would have allocated one. */
  private static KubernetesCluster withDerivedNodePorts(KubernetesCluster k8s, List<ModelError> notes) {
    BitSet used = usedNodePorts(k8s);
    List<Service> out = new ArrayList<>();
    boolean changed = false;
    for (Service svc : k8s.services()) {
      Service d = svc;
      boolean nodePorts = svc.type().hasNodePorts()
          && !(svc.isLoadBalancer() && svc.allocateLoadBalancerNodePorts().orElse(true).equals(false));
      if (nodePorts && svc.ports().stream().anyMatch(p -> p.nodePort().isEmpty())) {
        List<ServicePort> ports = new ArrayList<>();
        List<String> derived = new ArrayList<>();
        for (ServicePort p : svc.ports()) {
          if (p.nodePort().isPresent()) {
            ports.add(p);
            continue;
          }
          Optional<Integer> free = allocate(used);
          if (free.isEmpty()) {
            ports.add(p);
            continue;
          }
          ports.add(p.withNodePort(free.get()));
          derived.add(p.port() + "/" + p.protocol() + " -> nodePort " + free.get());
        }
        d = d.withPorts(ports);
        notes.add(warning(svc.provenance(), "Service " + svc.key() + " (type " + svc.type().apiName() + ") has ports "
            + "without nodePort (a manifest, not a dump): derived as the API server would allocate them, "
            + String.join(", ", derived) + allocation()));
      }
      if (svc.needsHealthCheckNodePort() && svc.healthCheckNodePort().isEmpty()) {
        Optional<Integer> free = allocate(used);
        if (free.isPresent()) {
          d = d.withHealthCheckNodePort(free.get());
          notes.add(warning(svc.provenance(), "Service " + svc.key() + " has externalTrafficPolicy Local but no "
              + "healthCheckNodePort (a manifest, not a dump): derived as the API server would allocate it, "
              + "healthCheckNodePort " + free.get() + " (kube-proxy's health check server and the load balancer's "
              + "Http probe on /healthz use it)" + allocation()));
        }
      }
      changed |= d != svc;
      out.add(d);
    }
    return changed ? k8s.withServices(out) : k8s;
  }

  private static String allocation() {
    return "; the API server picks a free port of " + NODE_PORT_MIN + "-" + NODE_PORT_MAX + " at random, aksreach "
        + "the lowest free one: the real cluster's port differs unless you give it (kubectl get svc -o yaml)";
  }

  private static Optional<Integer> allocate(BitSet used) {
    int p = used.nextClearBit(NODE_PORT_MIN);
    if (p > NODE_PORT_MAX) {
      return Optional.empty();
    }
    used.set(p);
    return Optional.of(p);
  }

  private static ModelError warning(Optional<Provenance> where, String message) {
    String file = where.map(Provenance::file).map(f -> f.isEmpty() || f.contains("/") ? f : "k8s/" + f).orElse("k8s/");
    return new ModelError(file, where.map(Provenance::path).orElse(""), "WARNING: " + message);
  }
}
