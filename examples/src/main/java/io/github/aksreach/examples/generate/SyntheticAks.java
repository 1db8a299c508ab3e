package io.github.aksreach.examples.generate;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.ConfigMap;
import io.github.aksreach.k8s.model.Container;
import io.github.aksreach.k8s.model.ContainerPort;
import io.github.aksreach.k8s.model.EndpointPort;
import io.github.aksreach.k8s.model.EndpointSlice;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressBackend;
import io.github.aksreach.k8s.model.IngressClass;
import io.github.aksreach.k8s.model.IngressPath;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.KubernetesVersion;
import io.github.aksreach.k8s.model.Namespace;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.ObjectRef;
import io.github.aksreach.k8s.model.PathType;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.ServiceType;
import io.github.aksreach.k8s.model.SliceEndpoint;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A synthetic AKS cluster, built in memory as a {@link Scenario} (the same objects the loaders produce), for
 * benchmarks and scale tests.
 *
 * <pre>{@code
 * Scenario small = SyntheticAks.generate(SyntheticAks.Spec.of(50));
 * Scenario large = SyntheticAks.generate(SyntheticAks.Spec.of(5_000));   // same configuration, 100x the nodes
 * AksReachability.of(large, AksOptions.defaults()).reach(SyntheticAks.INGRESS_FRONTEND, 80, Protocol.TCP,
 *     Optional.of(SyntheticAks.INGRESS_HOST), Optional.of("/api"), IpSet.all(IpFamily.V4));
 * }</pre>
 *
 * <p>What it builds (every choice is deterministic: the same {@link Spec} gives equal scenarios):
 * <ul>
 *   <li>Azure CNI with dynamic pod IP allocation (AKS supports 5,000 nodes with Azure CNI; kubenet stops at 400).
 *       VNet {@code 10.224.0.0/12} peered with a hub {@code 10.100.0.0/16}; pool {@code p} (10 pools) in its own
 *       subnet {@code 10.224.16p.0/20}; pods in {@code snet-pods 10.232.0.0/15} (a block of 16 per node); internal
 *       load-balancer frontends in {@code snet-ilb 10.238.0.0/24}; client VMs in {@code snet-clients 10.239.0.0/24}.
 *       </li>
 *   <li>One NSG per pool subnet, {@value #RULES_NOTE}: a realistic, seeded mix of single and augmented prefixes
 *       (partner and public ranges, hub and client sub-prefixes, other pools), the service tags
 *       {@code Internet}, {@code VirtualNetwork}, {@code AzureLoadBalancer} and four loaded tags, single ports,
 *       port lists and ranges, TCP/UDP/ICMP/any, allows and denies; plus the rules traffic needs (probes, node and
 *       pod CIDRs, clients to the frontends, outbound within the cluster) and a custom deny-all at 4000. The
 *       AKS-managed cluster NSG is on every node NIC (one NIC per node); its {@code k8s-azure-lb_*} rules are
 *       derived from the Services as cloud-provider-azure does.</li>
 *   <li>100 Services: {@code kubernetes}, {@code kube-dns}, the ingress-nginx controller (internal LoadBalancer
 *       {@value #INGRESS_FRONTEND_TEXT}, ports 80 and 443, Cluster, probe path {@code /healthz}) and its admission
 *       Service, 36 LoadBalancer Services (internal and public, Cluster and Local, some with
 *       {@code loadBalancerSourceRanges}) and 60 ClusterIP Services; each app Service has 2 to 4 pods pinned on the
 *       first {@value #PINNED} nodes of the user pools, with EndpointSlices as kubectl dumps them; 20 Ingresses
 *       (some with an allow list) served by two controller pods on the ingress pool.</li>
 *   <li>Per node, the DaemonSet pods every AKS node runs: {@code kube-proxy} (hostNetwork) and {@code ama-logs}
 *       (a pod address).</li>
 * </ul>
 * More than {@value #SMALL_PER_POOL} nodes per pool take a wider address plan ({@link Spec#wide()}).
 * The workloads sit on the first {@value #PINNED} nodes of each pool whatever the node count, so a larger cluster
 * only adds interchangeable nodes: the answers of the 50-node and the 5,000-node clusters must agree, which the scale
 * test checks.
 */
public final class SyntheticAks {
  static final String RULES_NOTE = "200 custom rules each";
  static final String INGRESS_FRONTEND_TEXT = "10.238.0.10";

  /** Nodes per pool that host workloads (endpoints, ingress controllers, CoreDNS). */
  public static final int PINNED = 5;
  /** The most nodes per pool of the small address plan (every benchmark cluster up to 5,000 nodes). */
  public static final int SMALL_PER_POOL = 512;
  /** The most nodes per pool of the wide address plan ({@link Spec#wide()}). */
  public static final int MAX_PER_POOL = 8_000;
  /** The ingress controller's load-balancer frontend. */
  public static final IpAddress INGRESS_FRONTEND = IpAddress.of(INGRESS_FRONTEND_TEXT);
  /** A host the Ingresses route: {@code /api} goes to {@code svc-0}, {@code /} to {@code svc-30}. */
  public static final String INGRESS_HOST = "app-00.synth.corp";
  /** The client subnet (no NSG). */
  public static final IpPrefix CLIENTS = IpPrefix.of("10.239.0.0/24");
  /** The hub VNet peered with the cluster VNet. */
  public static final IpPrefix HUB = IpPrefix.of("10.100.0.0/16");
  /** The pod subnet (Azure CNI with dynamic pod IP allocation: 16 addresses per node). */
  public static final IpPrefix PODS = IpPrefix.of("10.232.0.0/15");
  /** The name of the AKS-managed cluster NSG. */
  public static final String CLUSTER_NSG = "aks-agentpool-31415926-nsg";

  static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
  static final String NODE_RG = SUB + "/resourceGroups/MC_rg-synth_aks-synth_westeurope/providers/"
      + "Microsoft.Network";
  static final ResourceId VNET = ResourceId.of(NODE_RG + "/virtualNetworks/vnet-aks-synth");
  static final long VNET_BASE = v4("10.224.0.0");
  static final long POD_BASE = v4("10.232.0.0");
  static final long ILB_BASE = v4("10.238.0.0");
  static final int[] WELL_KNOWN = {22, 53, 80, 443, 1433, 3389, 5432, 6379, 8080, 8443, 9090};
  static final int[][] RANGES = {{8000, 8999}, {30000, 32767}, {1024, 65535}, {1, 1023}, {9000, 9100}};
  static final String[] EXTERNAL = {"20.0.0.0/8", "40.0.0.0/8", "52.0.0.0/8", "13.64.0.0/11",
      "203.0.113.0/24", "198.51.100.0/24", "172.16.0.0/12", "192.168.0.0/16"};
  static final String[] LOADED_TAGS = {"AzureMonitor", "Storage.WestEurope", "AzureFrontDoor.Backend",
      "AzureCloud.westeurope"};

  private SyntheticAks() {}

  /**
   * What to generate.
   *
   * @param nodes total nodes, spread evenly over the pools (at least {@value #PINNED} per pool)
   * @param pools node pools, each in its own subnet behind its own NSG (at most 10)
   * @param rulesPerNsg custom rules per pool NSG (at least 50)
   * @param services Services (at least 10): 4 system ones, then LoadBalancer and ClusterIP ones in a 36:60 ratio
   * @param seed the seed of the NSG rule mix
   */
  public record Spec(int nodes, int pools, int rulesPerNsg, int services, long seed) {
    public Spec {
      if (pools < 3 || pools > 10 || nodes < pools * PINNED || nodes % pools != 0) {
        throw new IllegalArgumentException("need 3-10 pools and a multiple of the pool count, at least "
            + PINNED + " nodes per pool: " + nodes + " nodes, " + pools + " pools");
      }
      if (nodes / pools > MAX_PER_POOL) {
        throw new IllegalArgumentException("at most " + MAX_PER_POOL + " nodes per pool: " + nodes + " nodes, "
            + pools + " pools");
      }
      if (rulesPerNsg < 50 || services < 10) {
        throw new IllegalArgumentException("need at least 50 rules per NSG and 10 Services");
      }
    }

    /** The benchmark's cluster: {@code nodes} nodes in 10 pools, NSGs of 200 rules, 100 Services. */
    public static Spec of(int nodes) {
      return new Spec(nodes, 10, 200, 100, 20240601L);
    }

    public int nodesPerPool() {
      return nodes / pools;
    }

    /**
     * Whether the cluster needs the wide address plan: more than {@value #SMALL_PER_POOL} nodes per pool. Up to
     * that, pool {@code p}'s subnet is {@code 10.224.16p.0/20} and every node has a block of 16 pod addresses at
     * {@code 10.232.0.0 + 16 (512 p + i)}; beyond it (up to {@value #MAX_PER_POOL} nodes per pool, e.g. 50,000
     * nodes) pool {@code p}'s subnet is {@code 10.224.0.0 + 8192 p /19}, the node rule's range {@code 10.224.0.0/15},
     * the workload pods keep blocks of 16 for the {@value #PINNED} pinned nodes of each pool and each node's
     * {@code ama-logs} pod gets one address from {@code 10.232.4.0} on, so no two objects share an address.
     */
    public boolean wide() {
      return nodesPerPool() > SMALL_PER_POOL;
    }

    /** The InternalIP of node {@code i} of pool {@code p}. */
    public IpAddress nodeIp(int p, int i) {
      return IpAddress.v4(VNET_BASE + p * (wide() ? 8192L : 4096L) + 4 + i);
    }

    /** The subnet of pool {@code p}. */
    public IpPrefix poolSubnet(int p) {
      return wide() ? IpPrefix.of(IpAddress.v4(VNET_BASE + p * 8192L), 19)
          : IpPrefix.of(IpAddress.v4(VNET_BASE + p * 4096L), 20);
    }

    /** The range of every pool subnet, as the pool NSGs' {@code AllowClusterNodes} rule names it. */
    public IpPrefix nodeRange() {
      return IpPrefix.of(wide() ? "10.224.0.0/15" : "10.224.0.0/16");
    }

    /** The address of the {@code ama-logs} pod on node {@code i} of pool {@code p}. */
    IpAddress agentPodIp(int p, int i) {
      return IpAddress.v4(wide() ? POD_BASE + 1024 + (long) p * nodesPerPool() + i
          : POD_BASE + (p * 512L + i) * 16);
    }

    /** The first of the 16 pod addresses of pinned node {@code i < PINNED} of pool {@code p}. */
    long podBlock(int p, int i) {
      return POD_BASE + (wide() ? p * PINNED + i : p * 512L + i) * 16;
    }

    /** LoadBalancer app Services (besides the ingress controller's). */
    public int lbServices() {
      return (services - 4) * 36 / 96;
    }

    public int clusterIpServices() {
      return services - 4 - lbServices();
    }
  }

  /** The generated cluster's scenario. */
  public static Scenario generate(Spec spec) {
    return new Gen(spec).scenario();
  }

  /** The frontend of LoadBalancer app Service {@code j} ({@code team-<j%6>/lb-app-<j>}). */
  public static IpAddress lbFrontend(int j) {
    return j % 4 == 3 ? IpAddress.v4(v4("20.61.10.0") + 10 + j) : IpAddress.v4(ILB_BASE + 20 + j);
  }

  /** The name of node {@code i} of pool {@code p}. */
  public static String nodeName(int p, int i) {
    String s = Integer.toString(i, 36);
    return "aks-" + poolName(p) + "-31415926-vmss" + "0".repeat(Math.max(0, 6 - s.length())) + s;
  }

  static String poolName(int p) {
    return p == 0 ? "system" : p == 1 ? "ingress" : String.format(Locale.ROOT, "user%02d", p);
  }

  static long v4(String s) {
    return IpAddress.of(s).lo() & 0xFFFF_FFFFL;
  }

  static long v4(IpPrefix p) {
    return p.network().lo() & 0xFFFF_FFFFL;
  }

  static IpPrefix prefix(long addr, int len) {
    return IpPrefix.of(IpAddress.v4(addr), len);
  }

  // ---------------------------------------------------------------- the generator

  private static final class Gen {
    final Spec spec;
    final List<Node> nodes = new ArrayList<>();
    final List<Pod> pods = new ArrayList<>();
    final List<Service> services = new ArrayList<>();
    final List<EndpointSlice> slices = new ArrayList<>();
    final Map<String, Integer> nextPodIp = new HashMap<>();
    final Map<String, Node> byName = new HashMap<>();

    Gen(Spec spec) {
      this.spec = spec;
    }

    Scenario scenario() {
      buildNodes();
      KubernetesCluster k8s = kubernetes();
      AzureNetwork az = new SyntheticAzure(spec).azure();
      ScenarioConfig cfg = ScenarioConfig.builder()
          .networkPlugin(NetworkPlugin.AZURE)
          .clusterNsg(CLUSTER_NSG)
          .kubernetesVersion(KubernetesVersion.of(1, 29))
          .build();
      return new Scenario("synthetic-" + spec.nodes(), az, k8s, Optional.empty(), cfg, List.of());
    }

    // -------------------------------------------------------------- nodes

    int nodeIndex(int p, int i) {
      return spec.wide() ? p * spec.nodesPerPool() + i : p * 512 + i;
    }

    void buildNodes() {
      for (int p = 0; p < spec.pools(); p++) {
        for (int i = 0; i < spec.nodesPerPool(); i++) {
          String name = nodeName(p, i);
          Node n = Node.builder().name(name)
              .putLabels("agentpool", poolName(p))
              .putLabels("kubernetes.azure.com/agentpool", poolName(p))
              .putLabels("kubernetes.azure.com/mode", p == 0 ? "system" : "user")
              .putLabels("kubernetes.io/os", "linux")
              .putLabels("topology.kubernetes.io/zone", "westeurope-" + (1 + i % 3))
              .addInternalIps(spec.nodeIp(p, i))
              .hostname(name)
              .providerId("azure://" + SUB + "/resourceGroups/mc_rg-synth_aks-synth_westeurope/providers/"
                  + "Microsoft.Compute/virtualMachineScaleSets/aks-" + poolName(p) + "-31415926-vmss/virtualMachines/"
                  + i)
              .kubeletVersion("v1.29.4")
              .putConditions("Ready", "True")
              .build();
          nodes.add(n);
          byName.put(name, n);
        }
      }
    }

    IpAddress podIp(int p, int i) {
      String node = nodeName(p, i);
      int k = nextPodIp.merge(node, 1, Integer::sum);
      return IpAddress.v4(spec.podBlock(p, i) + 1 + k);
    }

    // -------------------------------------------------------------- Kubernetes

    KubernetesCluster kubernetes() {
      List<Namespace> namespaces = new ArrayList<>();
      for (String ns : List.of("default", "kube-system", "ingress", "monitoring", "team-0", "team-1", "team-2",
          "team-3", "team-4", "team-5")) {
        namespaces.add(Namespace.builder().name(ns).putLabels(Namespace.NAME_LABEL, ns).build());
      }
      // system Services
      services.add(Service.builder().namespace("default").name("kubernetes").uid(uid(0))
          .addPorts(ServicePort.builder().name("https").port(443).targetPort(PortRef.number(443)).build())
          .addClusterIps(IpAddress.of("10.0.0.1")).build());
      Service dns = Service.builder().namespace("kube-system").name("kube-dns").uid(uid(1))
          .putSelector("k8s-app", "kube-dns")
          .addPorts(ServicePort.builder().name("dns").protocol(Protocol.UDP).port(53).targetPort(PortRef.name("dns"))
              .build())
          .addPorts(ServicePort.builder().name("dns-tcp").port(53).targetPort(PortRef.name("dns-tcp")).build())
          .addClusterIps(IpAddress.of("10.0.0.10")).build();
      List<Pod> dnsPods = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        dnsPods.add(pod("kube-system", "coredns-6d4b9c7f8-" + suffix(r), Map.of("k8s-app", "kube-dns"), 0, r,
            Container.builder().name("coredns").image("mcr.microsoft.com/oss/kubernetes/coredns:v1.11.1")
                .addPorts(ContainerPort.of("dns", 53, Protocol.UDP), ContainerPort.of("dns-tcp", 53, Protocol.TCP),
                    ContainerPort.of("metrics", 9153, Protocol.TCP)).build(), "ReplicaSet", "coredns-6d4b9c7f8"));
      }
      addService(dns, dnsPods);
      Map<String, String> nginxLabels = new java.util.LinkedHashMap<>();   // Map.of: a per-JVM order
      nginxLabels.put("app.kubernetes.io/name", "ingress-nginx");
      nginxLabels.put("app.kubernetes.io/instance", "ingress-nginx");
      nginxLabels.put("app.kubernetes.io/component", "controller");
      Service ingress = Service.builder().namespace("ingress").name("ingress-nginx-controller").uid(uid(2))
          .type(ServiceType.LOAD_BALANCER)
          .putAnnotations("service.beta.kubernetes.io/azure-load-balancer-internal", "true")
          .putAnnotations("service.beta.kubernetes.io/azure-load-balancer-internal-subnet", "snet-ilb")
          .putAnnotations("service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path", "/healthz")
          .addPorts(ServicePort.builder().name("http").port(80).targetPort(PortRef.name("http")).nodePort(30080)
              .appProtocol("http").build())
          .addPorts(ServicePort.builder().name("https").port(443).targetPort(PortRef.name("https")).nodePort(30443)
              .appProtocol("https").build())
          .putAllSelector(nginxLabels)
          .addClusterIps(IpAddress.of("10.0.58.7"))
          .loadBalancerIp(INGRESS_FRONTEND).addLoadBalancerIngressIps(INGRESS_FRONTEND)
          .build();
      List<Pod> nginxPods = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        nginxPods.add(pod("ingress", "ingress-nginx-controller-5c6b9d8b7f-" + suffix(r), nginxLabels, 1, r,
            Container.builder().name("controller")
                .image("registry.k8s.io/ingress-nginx/controller:v1.10.1")
                .addArgs("/nginx-ingress-controller", "--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller",
                    "--election-id=ingress-nginx-leader", "--controller-class=k8s.io/ingress-nginx",
                    "--ingress-class=nginx", "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller",
                    "--validating-webhook=:8443")
                .addPorts(ContainerPort.of("http", 80, Protocol.TCP), ContainerPort.of("https", 443, Protocol.TCP),
                    ContainerPort.of("webhook", 8443, Protocol.TCP)).build(),
            "ReplicaSet", "ingress-nginx-controller-5c6b9d8b7f"));
      }
      addService(ingress, nginxPods);
      addService(Service.builder().namespace("ingress").name("ingress-nginx-controller-admission").uid(uid(3))
          .addPorts(ServicePort.builder().name("https-webhook").port(443).targetPort(PortRef.name("webhook"))
              .appProtocol("https").build())
          .putAllSelector(nginxLabels).addClusterIps(IpAddress.of("10.0.201.33")).build(), nginxPods);
      // app Services
      int s = 4;
      for (int j = 0; j < spec.lbServices(); j++, s++) {
        lbService(s, j);
      }
      for (int k = 0; k < spec.clusterIpServices(); k++, s++) {
        clusterIpService(s, k);
      }
      // DaemonSet pods on every node
      for (int p = 0; p < spec.pools(); p++) {
        for (int i = 0; i < spec.nodesPerPool(); i++) {
          String node = nodeName(p, i);
          String sfx = Integer.toString(nodeIndex(p, i), 36);
          pods.add(Pod.builder().namespace("kube-system").name("kube-proxy-" + sfx).nodeName(node)
              .putLabels("component", "kube-proxy").hostNetwork(true)
              .addPodIps(spec.nodeIp(p, i)).hostIp(spec.nodeIp(p, i))
              .addContainers(Container.builder().name("kube-proxy")
                  .image("mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.29.4").build())
              .addOwners(ObjectRef.of("DaemonSet", "kube-system", "kube-proxy")).build());
          pods.add(Pod.builder().namespace("kube-system").name("ama-logs-" + sfx).nodeName(node)
              .putLabels("component", "ama-logs-agent")
              .addPodIps(spec.agentPodIp(p, i)).hostIp(spec.nodeIp(p, i))
              .addContainers(Container.builder().name("ama-logs")
                  .image("mcr.microsoft.com/azuremonitor/containerinsights/ciprod:3.1.21")
                  .addPorts(ContainerPort.of("fluent", 25226, Protocol.TCP)).build())
              .addOwners(ObjectRef.of("DaemonSet", "kube-system", "ama-logs")).build());
        }
      }
      List<Ingress> ingresses = new ArrayList<>();
      int nIngress = Math.min(20, spec.clusterIpServices() / 2);
      for (int k = 0; k < nIngress; k++) {
        String ns = "team-" + (k % 6);
        int root = k + 30 < spec.clusterIpServices() ? k + 30 : k;
        Ingress.Builder b = Ingress.builder().namespace(ns).name("ing-" + k).ingressClassName("nginx")
            .addRules(IngressRule.builder().host(String.format(Locale.ROOT, "app-%02d.synth.corp", k))
                .addPaths(IngressPath.builder().path("/api").pathType(PathType.PREFIX)
                    .backend(IngressBackend.service("svc-" + k, PortRef.number(8080))).build())
                .addPaths(IngressPath.builder().path("/").pathType(PathType.PREFIX)
                    .backend(IngressBackend.service("svc-" + root, PortRef.number(8080))).build())
                .build());
        if (k % 4 == 1) {
          b.putAnnotations("nginx.ingress.kubernetes.io/whitelist-source-range", "10.239.0.0/24,10.100.0.0/16");
        }
        ingresses.add(b.build());
      }
      return KubernetesCluster.builder()
          .addAllNodes(nodes)
          .addAllPods(pods)
          .addAllServices(services)
          .addAllEndpointSlices(slices)
          .addAllIngresses(ingresses)
          .addIngressClasses(IngressClass.builder().name("nginx").controller("k8s.io/ingress-nginx").build())
          .addConfigMaps(ConfigMap.builder().namespace("ingress").name("ingress-nginx-controller")
              .putData("allow-snippet-annotations", "false").build())
          .addAllNamespaces(namespaces)
          .build();
    }

    void lbService(int s, int j) {
      String ns = "team-" + (j % 6);
      String name = "lb-app-" + j;
      boolean internal = j % 4 != 3;
      boolean local = j % 3 == 0;
      Service.Builder b = Service.builder().namespace(ns).name(name).uid(uid(s)).type(ServiceType.LOAD_BALANCER)
          .putSelector("app", name)
          .addPorts(ServicePort.builder().name("http").port(80).targetPort(PortRef.name("http"))
              .nodePort(30100 + 2 * j).build())
          .addClusterIps(IpAddress.v4(v4("10.0.100.0") + j))
          .loadBalancerIp(lbFrontend(j)).addLoadBalancerIngressIps(lbFrontend(j));
      if (j % 2 == 0) {
        b.addPorts(ServicePort.builder().name("https").port(443).targetPort(PortRef.name("https"))
            .nodePort(30101 + 2 * j).build());
      }
      if (internal) {
        b.putAnnotations("service.beta.kubernetes.io/azure-load-balancer-internal", "true")
            .putAnnotations("service.beta.kubernetes.io/azure-load-balancer-internal-subnet", "snet-ilb");
      }
      if (local) {
        b.externalTrafficPolicy(TrafficPolicy.LOCAL).healthCheckNodePort(32000 + j);
      }
      if (j % 5 == 4) {
        if (internal) {
          b.addLoadBalancerSourceRanges(IpPrefix.of("10.239.0.0/25"), HUB);
        } else {
          b.addLoadBalancerSourceRanges(IpPrefix.of("203.0.113.0/24"), IpPrefix.of("198.51.100.0/25"));
        }
      }
      addService(b.build(), appPods(s, ns, name, j % 2 == 0));
    }

    void clusterIpService(int s, int k) {
      String ns = "team-" + (k % 6);
      String name = "svc-" + k;
      Service svc = Service.builder().namespace(ns).name(name).uid(uid(s)).putSelector("app", name)
          .addPorts(ServicePort.builder().name("http").port(8080).targetPort(PortRef.name("http")).build())
          .addClusterIps(IpAddress.v4(v4("10.0.160.0") + k)).build();
      addService(svc, appPods(s, ns, name, false));
    }

    List<Pod> appPods(int s, String ns, String app, boolean https) {
      List<Pod> out = new ArrayList<>();
      int replicas = 2 + s % 3;
      String rs = app + "-" + Integer.toString(0x5f3a1 + s * 7919, 36);
      for (int r = 0; r < replicas; r++) {
        int p = 2 + (s * 3 + r) % (spec.pools() - 2);
        int i = (s + 2 * r) % PINNED;
        Container.Builder c = Container.builder().name("app").image("acrsynth.azurecr.io/" + app + ":1.0.0")
            .addPorts(ContainerPort.of("http", 8080, Protocol.TCP));
        if (https) {
          c.addPorts(ContainerPort.of("https", 8443, Protocol.TCP));
        }
        out.add(pod(ns, rs + "-" + suffix(s * 5 + r), Map.of("app", app), p, i, c.build(), "ReplicaSet", rs));
      }
      return out;
    }

    Pod pod(String ns, String name, Map<String, String> labels, int p, int i, Container c, String ownerKind,
            String owner) {
      Pod pod = Pod.builder().namespace(ns).name(name).putAllLabels(labels).nodeName(nodeName(p, i))
          .addPodIps(podIp(p, i)).hostIp(spec.nodeIp(p, i)).addContainers(c)
          .addOwners(ObjectRef.of(ownerKind, ns, owner)).build();
      pods.add(pod);
      return pod;
    }

    void addService(Service svc, List<Pod> selected) {
      services.add(svc);
      EndpointSlice.Builder b = EndpointSlice.builder().namespace(svc.namespace())
          .name(svc.name() + "-" + suffix(services.size())).serviceName(svc.name())
          .putLabels(EndpointSlice.LABEL_SERVICE_NAME, svc.name());
      for (ServicePort sp : svc.ports()) {
        int target = selected.isEmpty() ? sp.targetPort().asNumber().orElse(sp.port())
            : selected.get(0).resolve(sp.targetPort(), sp.protocol()).orElseThrow();
        EndpointPort.Builder ep = EndpointPort.builder().protocol(sp.protocol()).port(target);
        sp.name().ifPresent(ep::name);
        b.addPorts(ep.build());
      }
      for (Pod pod : selected) {
        b.addEndpoints(SliceEndpoint.builder().addAddresses(pod.podIps().get(0)).nodeName(pod.nodeName().get())
            .targetRef(pod.ref()).build());
      }
      if (!selected.isEmpty()) {
        slices.add(b.build());
      }
    }

    static String uid(int s) {
      return String.format(Locale.ROOT, "5e1f%04x-0000-4000-8000-%012x", s, 0xA5A5L * (s + 1));
    }

    static String suffix(int k) {
      String alphabet = "bcdfghjklmnpqrstvwxz2456789";
      StringBuilder sb = new StringBuilder();
      int x = 7919 * (k + 13);
      for (int i = 0; i < 5; i++) {
        sb.append(alphabet.charAt(Math.floorMod(x, alphabet.length())));
        x = x / alphabet.length() + 31 * i;
      }
      return sb.toString();
    }
  }
}
