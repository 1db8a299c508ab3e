package io.github.aksreach.k8s.gateway;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.AgcFrontend;
import io.github.aksreach.k8s.model.ApplicationLoadBalancer;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.GatewayClass;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An Application Gateway for Containers Gateway (class {@code azure-alb-external}, controller
 * {@code alb.networking.azure.io/alb-controller}; DOMAIN-GATEWAY 4.6) as the model sees it: which AGC serves it
 * (managed: the {@code ApplicationLoadBalancer} its {@code alb-name}/{@code alb-namespace} annotations name;
 * bring-your-own: its {@code alb-id} annotation), the association subnet the AGC proxies sit in, the frontend
 * addresses ({@code scenario.yaml network.agcFrontends}: an AGC frontend is an FQDN no dump resolves), and the
 * address of the subnet that stands for the proxies. The data path (A4.22): client -> frontend -> the association
 * subnet's NSG -> AGC's proxy (listener and route, the same Gateway API semantics as {@link GatewayRouter} with AGC's
 * listener isolation off, A4.26) -> directly to the endpoint pods' addresses, with the proxy's address as source
 * (A4.24) and the client in {@code X-Forwarded-For} (A4.23). No Azure LB Service, no kube-proxy, no
 * externalTrafficPolicy; no Istio AuthorizationPolicy.
 *
 * <pre>{@code
 * AgcGateway agc = AgcGateway.of(cluster, gateway, azure, config.agcFrontends(), NetworkPlugin.AZURE_OVERLAY,
 *     GatewayOptions.defaults());
 * agc.wired();              // true: an association subnet in the dump and a frontend address stated
 * agc.association();        // Optional[subnet-alb 10.10.5.0/24]
 * agc.proxyAddress();       // Optional[10.10.5.4]: the source backend pods and their NetworkPolicies see
 * agc.frontends();          // [20.61.10.5]
 * agc.router().route(HttpRequest.get(80, "app.example.com", "/"));
 * agc.notes();              // why it is not wired, what was assumed
 * }</pre>
 */
public final class AgcGateway {
  /** The GatewayClass the ALB Controller installs. */
  public static final String CLASS = "azure-alb-external";
  /** The ALB Controller's controllerName. */
  public static final String CONTROLLER = "alb.networking.azure.io/alb-controller";
  public static final String ALB_NAME = "alb.networking.azure.io/alb-name";
  public static final String ALB_NAMESPACE = "alb.networking.azure.io/alb-namespace";
  public static final String ALB_ID = "alb.networking.azure.io/alb-id";
  /** The {@code spec.addresses[].type} of a bring-your-own frontend reference. */
  public static final String FRONTEND_ADDRESS_TYPE = "alb.networking.azure.io/alb-frontend";

  /** How the AGC behind the Gateway is deployed. */
  public enum Deployment {
    /** Provisioned by the ALB Controller from an {@code ApplicationLoadBalancer} resource. */
    MANAGED,
    /** Created in Azure ({@code az network alb create}) and named by the Gateway's {@code alb-id}. */
    BRING_YOUR_OWN,
    /** The Gateway names no AGC: the controller does not program it. */
    NONE
  }

  private final Gateway gateway;
  private final Deployment deployment;
  private final Optional<ApplicationLoadBalancer> alb;
  private final Optional<Subnet> association;
  private final List<IpAddress> frontends;
  private final Optional<IpAddress> proxyAddress;
  private final boolean podsReachable;
  private final GatewayRouter router;
  private final List<String> notes;

  private AgcGateway(Gateway gateway, Deployment deployment, Optional<ApplicationLoadBalancer> alb,
      Optional<Subnet> association, List<IpAddress> frontends, Optional<IpAddress> proxyAddress,
      boolean podsReachable, GatewayRouter router, List<String> notes) {
    this.gateway = gateway;
    this.deployment = deployment;
    this.alb = alb;
    this.association = association;
    this.frontends = List.copyOf(frontends);
    this.proxyAddress = proxyAddress;
    this.podsReachable = podsReachable;
    this.router = router;
    this.notes = List.copyOf(notes);
  }

  /** Whether the ALB Controller implements the Gateway's class. */
  public static boolean isAgc(Gateway g, KubernetesCluster c) {
    return g.gatewayClassName().equals(CLASS) || c.gatewayClass(g.gatewayClassName())
        .map(GatewayClass::controllerName).filter(CONTROLLER::equals).isPresent();
  }

  /**
   * The model of AGC Gateway {@code g}. What keeps it from carrying traffic (no AGC named, an
   * {@code ApplicationLoadBalancer} or association subnet missing from the dump, no frontend address) is a note, and
   * {@link #wired()} is then false: the cluster's API server accepted all of it, only the data path is unknown.
   */
  public static AgcGateway of(KubernetesCluster c, Gateway g, AzureNetwork azure, List<AgcFrontend> stated,
      NetworkPlugin plugin, GatewayOptions o) {
    List<String> notes = new ArrayList<>();
    Deployment deployment;
    Optional<ApplicationLoadBalancer> alb = Optional.empty();
    Optional<ResourceId> associationId = Optional.empty();
    List<AgcFrontend> mine = stated.stream().filter(f -> f.names(g)).toList();
    String albName = g.annotations().getOrDefault(ALB_NAME, "");
    String albId = g.annotations().getOrDefault(ALB_ID, "");
    if (!albName.isEmpty()) {
      deployment = Deployment.MANAGED;
      String ns = g.annotations().getOrDefault(ALB_NAMESPACE, "");
      if (ns.isEmpty()) {
        ns = g.namespace();
        notes.add("annotation " + ALB_NAMESPACE + " is not set: the ApplicationLoadBalancer is looked for in the "
            + "Gateway's namespace " + ns);
      }
      alb = c.applicationLoadBalancer(ns, albName);
      if (alb.isEmpty()) {
        notes.add("names ApplicationLoadBalancer " + ns + "/" + albName + " (metadata.annotations." + ALB_NAME
            + "), which is not in the dump: its association subnet is unknown");
      } else {
        associationId = Optional.of(alb.get().associations().get(0));
        if (alb.get().associations().size() > 1) {
          notes.add("ApplicationLoadBalancer " + alb.get().key() + " lists " + alb.get().associations().size()
              + " associations: the first, " + associationId.get().name() + ", is modelled");
        }
      }
    } else if (!albId.isEmpty()) {
      deployment = Deployment.BRING_YOUR_OWN;
      associationId = mine.stream().flatMap(f -> f.association().stream()).findFirst();
      if (associationId.isEmpty()) {
        notes.add("bring-your-own AGC " + albId + ": its association subnet lives in Azure (az network alb "
            + "association list); state it as scenario.yaml network.agcFrontends[].association");
      }
      if (g.addresses().stream().noneMatch(a -> a.type().equals(FRONTEND_ADDRESS_TYPE))) {
        notes.add("bring-your-own AGC: spec.addresses names no " + FRONTEND_ADDRESS_TYPE + ": the controller "
            + "has no frontend to program");
      }
    } else {
      deployment = Deployment.NONE;
      notes.add("names no AGC: neither metadata.annotations." + ALB_NAME + " (managed by the ALB Controller) nor "
          + ALB_ID + " (bring your own) is set; the ALB Controller does not program it");
    }
    Optional<Subnet> association = associationId.flatMap(azure::subnet);
    if (associationId.isPresent() && association.isEmpty()) {
      notes.add("association subnet " + associationId.get() + " is not in the dump (az network vnet show): its "
          + "NSG and addresses are unknown");
    }
    Optional<IpAddress> proxy = association.flatMap(s -> proxyAddress(s, o.agcProxyHostIndex()));
    if (association.isPresent() && proxy.isEmpty()) {
      notes.add("association subnet " + association.get().name() + " has no IPv4 prefix holding host index "
          + o.agcProxyHostIndex() + " (option agcProxyHostIndex)");
    }
    Set<IpAddress> frontends = new LinkedHashSet<>();
    mine.forEach(f -> frontends.addAll(f.addresses()));
    if (frontends.isEmpty()) {
      notes.add("no frontend address: an AGC frontend is an FQDN"
          + (g.statusAddresses().isEmpty() ? "" : " (" + String.join(", ", g.statusAddresses()) + ")")
          + " no dump resolves; state what DNS answers in scenario.yaml network.agcFrontends");
    }
    boolean podsReachable = plugin != NetworkPlugin.KUBENET;
    if (!podsReachable) {
      notes.add("kubenet: AGC does not support it (DOMAIN-GATEWAY A4.22), its proxies have no route to pod "
          + "addresses");
    }
    GatewayRouter router = GatewayRouter.of(c, g, o.withListenerIsolation(o.agcListenerIsolation()));
    return new AgcGateway(g, deployment, alb, association, List.copyOf(frontends), proxy, podsReachable, router,
        notes);
  }

  /** The address at {@code index} from the start of the subnet's first IPv4 prefix, if the prefix holds it. */
  static Optional<IpAddress> proxyAddress(Subnet s, int index) {
    for (IpPrefix p : s.prefixes()) {
      long v = p.family() == IpFamily.V4 ? p.network().v4Value() + index : -1;
      if (index >= 0 && v >= 0 && v <= 0xFFFF_FFFFL && p.contains(IpAddress.v4(v))) {
        return Optional.of(IpAddress.v4(v));
      }
    }
    return Optional.empty();
  }

  /** The notes of every AGC Gateway, as model notes naming the Gateway's file and path. */
  public List<ModelError> modelNotes() {
    String file = gateway.provenance().map(p -> p.file()).orElse("");
    String path = gateway.provenance().map(p -> p.path()).orElse("");
    List<ModelError> out = new ArrayList<>();
    for (String n : notes) {
      out.add(ModelError.of("Gateway %s (Application Gateway for Containers): %s", gateway.key(), n).at(file, path));
    }
    return out;
  }

  public Gateway gateway() {
    return gateway;
  }

  public Deployment deployment() {
    return deployment;
  }

  /** The managed deployment's {@code ApplicationLoadBalancer}. */
  public Optional<ApplicationLoadBalancer> alb() {
    return alb;
  }

  /** The association subnet (in the dump) the AGC proxies sit in. */
  public Optional<Subnet> association() {
    return association;
  }

  /** The frontend addresses stated in {@code scenario.yaml}. */
  public List<IpAddress> frontends() {
    return frontends;
  }

  /** The address of the association subnet that stands for the AGC proxies ({@code agcProxyHostIndex}). */
  public Optional<IpAddress> proxyAddress() {
    return proxyAddress;
  }

  /** False under kubenet, which AGC does not support. */
  public boolean podsReachable() {
    return podsReachable;
  }

  /** Whether flows can be followed through it: an association subnet in the dump, a proxy address and a frontend. */
  public boolean wired() {
    return association.isPresent() && proxyAddress.isPresent() && !frontends.isEmpty();
  }

  public GatewayRouter router() {
    return router;
  }

  /** What was assumed, and what keeps it from being {@link #wired()}. */
  public List<String> notes() {
    return notes;
  }
}
