package io.github.aksreach.k8s.oracle;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.CloudProviderAzure;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.gateway.AgcGateway;
import io.github.aksreach.k8s.gateway.GatewayRouter;
import io.github.aksreach.k8s.gateway.HttpRequest;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.migration.GatewayRequests;
import io.github.aksreach.k8s.model.Container;
import io.github.aksreach.k8s.model.ContainerPort;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressPath;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A meaningful set of flows for one assembled scenario: from an Internet client, the probe source, a client in each
 * subnet and each client NIC, nodes and pods; to every LB rule's frontend and port (and an unserved port), every
 * Service address and port, each node's nodePorts, health-check ports and an unserved port, each pod's container
 * ports, each container hostPort on every node's address (both protocols); each AGC frontend on its listener ports
 * (TCP and UDP) and an unserved port; through an ingress controller or a Gateway (Istio's pods and Service, AGC's
 * frontends) with no HTTP, each Ingress host and path, each Gateway route's hosts and paths, an unknown host, /healthz
 * and /healthz/ready.
 *
 * <pre>{@code
 * for (Flow f : FlowCatalog.of(net, 3, 6)) {
 *   compare(oracle.check(f), EngineAnswer.of(analysis.check(f)));
 * }
 * }</pre>
 */
public final class FlowCatalog {
  /** The outside client, on the Internet. */
  public static final IpAddress INTERNET = IpAddress.of("203.0.113.7");
  /**
   * A client outside the VNets on a private range, routed into them by default (on-premises over VPN/ExpressRoute,
   * scenario.yaml network.routedIntoVnet): it meets the NSGs where the Internet client meets Azure routing (issue 12).
   */
  public static final IpAddress ON_PREMISES = IpAddress.of("172.31.254.7");
  private static final int SRC_PORT = 40000;

  private FlowCatalog() {}

  /** The flows, with at most {@code maxNodes} node and {@code maxPods} pod sources. */
  public static List<Flow> of(AksNetwork net, int maxNodes, int maxPods) {
    Set<IpAddress> sources = new LinkedHashSet<>(sources(net, maxNodes, maxPods));
    Set<Dst> dsts = new LinkedHashSet<>(destinations(net));
    List<String[]> http = httpRequests(net);
    Set<IpAddress> l7 = nginxAddresses(net);
    l7.addAll(gatewayAddresses(net));
    List<Flow> out = new ArrayList<>();
    for (IpAddress src : sources) {
      for (Dst d : dsts) {
        if (src.family() != d.ip().family()) {
          continue;
        }
        Flow f = Flow.of(d.protocol(), src, SRC_PORT, d.ip(), d.port());
        out.add(f);
        if (d.protocol() == Protocol.TCP && l7.contains(d.ip())) {
          for (String[] h : http) {
            out.add(f.withHttp(h[0], h[1]));
          }
        }
      }
    }
    return out;
  }

  /** Every {@code k}-th flow of {@code all} from {@code offset}, at most {@code max}, spread over the whole list. */
  public static List<Flow> sample(List<Flow> all, int offset, int max) {
    if (all.size() <= max) {
      return all;
    }
    List<Flow> out = new ArrayList<>();
    double stride = (double) all.size() / max;
    int shift = Math.floorMod(offset, Math.max(1, (int) stride));
    for (int i = 0; i < max; i++) {
      out.add(all.get(Math.min(all.size() - 1, (int) (i * stride) + shift)));
    }
    return out;
  }

  record Dst(IpAddress ip, int port, Protocol protocol) {}

  static List<IpAddress> sources(AksNetwork net, int maxNodes, int maxPods) {
    List<IpAddress> out = new ArrayList<>(List.of(INTERNET, ConcreteOracle.PROBE_SOURCE));
    Set<IpAddress> taken = new LinkedHashSet<>();
    for (Node n : net.kubernetes().nodes()) {
      taken.addAll(n.internalIps());
    }
    for (NetworkInterface nic : net.azure().nics()) {
      nic.ipConfigurations().forEach(c -> c.privateIp().ifPresent(taken::add));
    }
    for (NetworkInterface nic : net.azure().nics()) {
      Optional<IpAddress> ip = nic.primaryIpConfiguration().flatMap(c -> c.privateIp());
      if (ip.isPresent() && net.kubernetes().nodes().stream().noneMatch(n -> n.internalIps().contains(ip.get()))) {
        out.add(ip.get());
      }
    }
    for (VirtualNetwork v : net.azure().vnets()) {
      for (Subnet s : v.subnets()) {
        for (IpPrefix p : s.prefixes()) {
          if (p.family() == IpFamily.V4 && p.length() <= 30) {
            long a = p.last().v4Value() - 1;
            while (a > p.first().v4Value() && taken.contains(IpAddress.v4(a))) {
              a--;
            }
            out.add(IpAddress.v4(a));
          }
        }
      }
    }
    int nodes = 0;
    for (Node n : net.kubernetes().nodes()) {
      if (nodes++ < maxNodes) {
        n.primaryInternalIp().ifPresent(out::add);
      }
    }
    // pods: ingress controllers first, then one per node round robin
    List<Pod> pods = new ArrayList<>();
    for (IngressNginxController c : net.controllers()) {
      pods.addAll(c.pods());
    }
    for (Pod p : net.kubernetes().pods()) {
      if (!pods.contains(p)) {
        pods.add(p);
      }
    }
    int n = 0;
    for (Pod p : pods) {
      if (!p.hostNetwork() && p.isLive() && !p.podIps().isEmpty() && n++ < maxPods) {
        out.add(p.podIps().get(0));
      }
    }
    out.add(ON_PREMISES);
    return out;
  }

  static List<Dst> destinations(AksNetwork net) {
    List<Dst> out = new ArrayList<>();
    for (LbRuleSpec r : net.loadBalancing().rules()) {
      if (r.frontendPort() == 0) {
        out.add(new Dst(r.frontendIp(), 80, Protocol.TCP));
        out.add(new Dst(r.frontendIp(), 53, Protocol.UDP));
      } else {
        for (Protocol p : List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP)) {
          if (r.protocols().contains(p)) {
            out.add(new Dst(r.frontendIp(), r.frontendPort(), p));
            out.add(new Dst(r.frontendIp(), r.frontendPort() + 1, p));
          }
        }
      }
    }
    for (Service svc : net.kubernetes().services()) {
      for (ServicePort sp : svc.ports()) {
        if (svc.isLoadBalancer()) {
          for (IpAddress fe : svc.frontendIps()) {
            out.add(new Dst(fe, sp.port(), sp.protocol()));
          }
        }
        if (!svc.headless()) {
          for (IpAddress cip : svc.clusterIps()) {
            out.add(new Dst(cip, sp.port(), sp.protocol()));
          }
        }
      }
    }
    for (AgcGateway g : net.agcGateways()) {
      for (IpAddress fe : g.frontends()) {
        for (int port : g.gateway().listenerPorts()) {
          out.add(new Dst(fe, port, Protocol.TCP));
          out.add(new Dst(fe, port, Protocol.UDP));
        }
        out.add(new Dst(fe, 8443, Protocol.TCP));
      }
    }
    for (Node n : net.kubernetes().nodes()) {
      Optional<IpAddress> ip = n.primaryInternalIp();
      if (ip.isEmpty()) {
        continue;
      }
      for (Service svc : net.kubernetes().services()) {
        for (ServicePort sp : svc.ports()) {
          sp.nodePort().ifPresent(p -> out.add(new Dst(ip.get(), p, sp.protocol())));
        }
        svc.healthCheckNodePort().ifPresent(p -> out.add(new Dst(ip.get(), p, Protocol.TCP)));
      }
      out.add(new Dst(ip.get(), CloudProviderAzure.KUBE_PROXY_HEALTHZ_PORT, Protocol.TCP));
      out.add(new Dst(ip.get(), CloudProviderAzure.AKS_SHARED_PROBE_PORT, Protocol.TCP));
      out.add(new Dst(ip.get(), 22, Protocol.TCP));
    }
    for (Pod p : net.kubernetes().pods()) {
      if (p.podIps().isEmpty()) {
        continue;
      }
      IpAddress ip = p.podIps().get(0);
      for (Container c : p.containers()) {
        for (ContainerPort cp : c.ports()) {
          out.add(new Dst(ip, cp.containerPort(), cp.protocol()));
          // the declared port under the other protocol: an undeclared port (issue 12)
          out.add(new Dst(ip, cp.containerPort(), cp.protocol() == Protocol.TCP ? Protocol.UDP : Protocol.TCP));
        }
      }
      if (p.hostNetwork()) {
        continue;
      }
      out.add(new Dst(ip, 9, Protocol.TCP));
      // each hostPort on every node's address (only the pod's node maps it), under its protocol and the other one
      for (Container c : p.containers()) {
        for (ContainerPort cp : c.ports()) {
          if (cp.hostPort().isEmpty()) {
            continue;
          }
          for (Node n : net.kubernetes().nodes()) {
            n.primaryInternalIp().ifPresent(nip -> {
              out.add(new Dst(nip, cp.hostPort().getAsInt(), cp.protocol()));
              out.add(new Dst(nip, cp.hostPort().getAsInt(),
                  cp.protocol() == Protocol.TCP ? Protocol.UDP : Protocol.TCP));
            });
          }
        }
      }
    }
    return out;
  }

  /** Whether {@code f} is sent to a node's address on a port some container maps as a hostPort (any protocol). */
  public static boolean toHostPort(AksNetwork net, Flow f) {
    boolean node = net.kubernetes().nodes().stream().anyMatch(n -> n.internalIps().contains(f.dstIp()));
    return node && net.kubernetes().pods().stream().filter(p -> !p.hostNetwork())
        .flatMap(p -> p.containers().stream()).flatMap(c -> c.ports().stream())
        .anyMatch(cp -> cp.hostPort().isPresent() && cp.hostPort().getAsInt() == f.dstPort());
  }

  /** The addresses an HTTP request reaches an ingress controller at: its pods and its Services' addresses. */
  static Set<IpAddress> nginxAddresses(AksNetwork net) {
    Set<IpAddress> out = new LinkedHashSet<>();
    for (IngressNginxController c : net.controllers()) {
      for (Pod p : c.pods()) {
        out.addAll(p.podIps());
        for (Service svc : net.kubernetes().services()) {
          if (svc.namespace().equals(p.namespace()) && svc.hasSelector() && svc.selects(p.labels())) {
            out.addAll(svc.clusterIps());
            out.addAll(svc.frontendIps());
            p.nodeName().flatMap(net.kubernetes()::node).flatMap(Node::primaryInternalIp).ifPresent(out::add);
          }
        }
      }
    }
    return out;
  }

  /**
   * The addresses an HTTP request reaches a Gateway's proxy at: an Istio gateway's pods and its Service's addresses
   * (and the pods' nodes, for the nodePorts), an AGC Gateway's frontends.
   */
  static Set<IpAddress> gatewayAddresses(AksNetwork net) {
    Set<IpAddress> out = new LinkedHashSet<>();
    for (IstioGateway ig : net.gateways().gateways()) {
      Service svc = ig.dataPlane().service();
      out.addAll(svc.clusterIps());
      out.addAll(svc.frontendIps());
      for (Pod p : ig.dataPlane().pods()) {
        out.addAll(p.podIps());
        p.nodeName().flatMap(net.kubernetes()::node).flatMap(Node::primaryInternalIp).ifPresent(out::add);
      }
    }
    for (AgcGateway g : net.agcGateways()) {
      out.addAll(g.frontends());
    }
    return out;
  }

  /**
   * Host and path pairs: each Ingress rule's host with its first path; each Gateway's (Istio or AGC) attached route
   * hostnames and paths ({@link GatewayRequests}); an unknown host, /healthz and the gateway status path.
   */
  static List<String[]> httpRequests(AksNetwork net) {
    List<String[]> out = new ArrayList<>();
    List<GatewayRouter> routers = new ArrayList<>();
    net.gateways().gateways().forEach(ig -> routers.add(ig.router()));
    net.agcGateways().forEach(g -> routers.add(g.router()));
    Set<String> seen = new LinkedHashSet<>();
    for (GatewayRouter r : routers) {
      for (HttpRequest h : GatewayRequests.of(r)) {
        if (seen.add(h.host() + " " + h.path())) {
          out.add(new String[] {h.host(), h.path()});
        }
      }
    }
    for (IngressNginxController c : net.controllers()) {
      for (Ingress ing : c.ingresses(net.kubernetes())) {
        for (IngressRule r : ing.rules()) {
          String path = r.paths().stream().findFirst().map(IngressPath::path).orElse("/");
          out.add(new String[] {r.host().orElse(null), path});
        }
      }
    }
    out.add(new String[] {"unknown.example.com", "/"});
    out.add(new String[] {null, "/healthz"});
    if (!routers.isEmpty()) {
      out.add(new String[] {null, GatewayLegs.READY_PATH});
    }
    return out;
  }
}
