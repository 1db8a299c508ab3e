package io.github.aksreach.azure.live;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonSerializable;
import com.azure.json.JsonWriter;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.BackendAddressPoolInner;
import com.azure.resourcemanager.network.fluent.models.IpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.RouteTableInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import io.github.aksreach.azure.AzureSdkScenario;
import io.github.aksreach.core.model.ModelError;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists, through the network resource provider's inner clients, what {@code aksreach collect} lists with {@code az}:
 * in each resource group the NSGs, VNets (their subnets inside), route tables, load balancers, public IPs and NICs,
 * then the NICs of every scale set a subnet or a load balancer's backend pool refers to (a scale set VM's NIC is not
 * in the resource group's NIC list), then by id what those refer to outside the lists. Every list is read to its end (the SDK follows {@code nextLink}); a list that
 * fails, on any page, is an error naming it, and none of its objects is kept: a half-read list would answer wrong in
 * silence. Objects met twice (a VNet's resource group listed twice) are kept once, by id.
 */
final class ArmLister {
  private static final String PREFIX = AzureSdkScenario.PREFIX;
  /** The scale set of a scale set VM's NIC IP configuration id: groups resource group and scale set name. */
  private static final Pattern VMSS = Pattern.compile("(?i)^/subscriptions/[^/]+/resourceGroups/([^/]+)/providers/"
      + "Microsoft\\.Compute/virtualMachineScaleSets/([^/]+)/virtualMachines/");
  /** A network resource of the kinds listed, by the leading part of any id under it. */
  private static final Pattern NETWORK = Pattern.compile("(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)/"
      + "providers/Microsoft\\.Network/(networkSecurityGroups|routeTables|virtualNetworks|publicIPAddresses|"
      + "networkInterfaces|loadBalancers)/([^/]+)");

  private final NetworkManagementClient client;
  private final String subscription;
  private final Map<String, JsonSerializable<?>> objects = new LinkedHashMap<>();
  final List<ModelError> errors = new ArrayList<>();
  final List<ModelError> notes = new ArrayList<>();
  private final Set<String> scaleSetsListed = new HashSet<>();
  private final Set<String> fetched = new HashSet<>();

  ArmLister(NetworkManagementClient client, String subscription) {
    this.client = client;
    this.subscription = subscription;
  }

  /** Every object listed so far, in the order first met. */
  List<JsonSerializable<?>> objects() {
    return new ArrayList<>(objects.values());
  }

  /** Lists the six kinds in {@code resourceGroup}, or in the whole subscription when it is null. */
  void listGroup(String resourceGroup) {
    String scope = "/subscriptions/" + subscription + (resourceGroup == null ? "" : "/resourceGroups/"
        + resourceGroup) + "/providers/Microsoft.Network/";
    boolean all = resourceGroup == null;
    var c = client;
    list(scope + "networkSecurityGroups", () -> all ? c.getNetworkSecurityGroups().list()
        : c.getNetworkSecurityGroups().listByResourceGroup(resourceGroup));
    list(scope + "virtualNetworks", () -> all ? c.getVirtualNetworks().list()
        : c.getVirtualNetworks().listByResourceGroup(resourceGroup));
    list(scope + "routeTables", () -> all ? c.getRouteTables().list()
        : c.getRouteTables().listByResourceGroup(resourceGroup));
    list(scope + "loadBalancers", () -> all ? c.getLoadBalancers().list()
        : c.getLoadBalancers().listByResourceGroup(resourceGroup));
    list(scope + "publicIPAddresses", () -> all ? c.getPublicIpAddresses().list()
        : c.getPublicIpAddresses().listByResourceGroup(resourceGroup));
    list(scope + "networkInterfaces", () -> all ? c.getNetworkInterfaces().list()
        : c.getNetworkInterfaces().listByResourceGroup(resourceGroup));
  }

  /**
   * Lists the NICs of every scale set that a listed subnet's or backend pool's IP configurations belong to (the
   * ids {@code .../virtualMachineScaleSets/<vmss>/virtualMachines/<n>/networkInterfaces/...}).
   */
  void listScaleSetNics() {
    Map<String, List<String>> scaleSets = new LinkedHashMap<>();
    for (JsonSerializable<?> o : objects()) {
      if (o instanceof VirtualNetworkInner vnet && vnet.subnets() != null) {
        for (SubnetInner s : vnet.subnets()) {
          for (IpConfigurationInner ip : nonNull(s.ipConfigurations())) {
            scaleSetOf(ip.id(), scaleSets);
          }
        }
      } else if (o instanceof LoadBalancerInner lb && lb.backendAddressPools() != null) {
        for (BackendAddressPoolInner pool : lb.backendAddressPools()) {
          for (NetworkInterfaceIpConfigurationInner ip : nonNull(pool.backendIpConfigurations())) {
            scaleSetOf(ip.id(), scaleSets);
          }
        }
      }
    }
    scaleSets.keySet().removeAll(scaleSetsListed);
    scaleSetsListed.addAll(scaleSets.keySet());
    for (List<String> vmss : scaleSets.values()) {
      String where = "/subscriptions/" + subscription + "/resourceGroups/" + vmss.get(0)
          + "/providers/Microsoft.Compute/virtualMachineScaleSets/" + vmss.get(1) + "/networkInterfaces";
      list(where, () -> client.getNetworkInterfaces().listVirtualMachineScaleSetNetworkInterfaces(vmss.get(0),
          vmss.get(1)));
    }
  }

  /**
   * Fetches, by id, every NSG, route table, VNet, public IP, NIC and load balancer that a listed object refers to
   * and no list held (a subnet's NSG in another resource group, a VNet brought by the user, a VM's NIC a subnet
   * lists, a route table's or NSG's subnets), as {@code collect} does with {@code az network ... show --ids}; one
   * round, {@link #complete} repeats it; whether anything was tried. A resource of
   * another subscription than the client's, or one that does not exist (404: a stale back-reference), is left out
   * with a note; one that cannot be read otherwise is an error naming it.
   */
  boolean fetchReferenced() {
    Map<String, Matcher> wanted = new LinkedHashMap<>();
    for (JsonSerializable<?> o : objects()) {
      String own = idOf(o);
      List<String> refs = new ArrayList<>();
      collectIds(tree(o), refs);
      backReferences(o, refs);
      for (String ref : refs) {
        Matcher m = ref == null ? null : NETWORK.matcher(ref);
        if (m != null && m.find()) {
          String top = m.group(0).toLowerCase(Locale.ROOT);
          if (!objects.containsKey(top) && !top.equalsIgnoreCase(own) && fetched.add(top)) {
            wanted.put(top, m);
          }
        }
      }
    }
    wanted.values().forEach(this::fetch);
    return !wanted.isEmpty();
  }

  /**
   * Lists the scale sets' NICs and fetches the referenced resources until nothing new is found (each round can
   * reveal more: a node NIC's subnet is in a VNet whose subnets name an NSG and other scale sets).
   */
  void complete() {
    for (int round = 0; round < 8; round++) {
      int before = objects.size();
      listScaleSetNics();
      boolean more = fetchReferenced();
      if (!more && objects.size() == before) {
        return;
      }
    }
  }

  /** The ids ARM sends back but {@code toJson} leaves out: what a subnet, route table or NSG is used by. */
  private static void backReferences(JsonSerializable<?> o, List<String> refs) {
    if (o instanceof VirtualNetworkInner vnet && vnet.subnets() != null) {
      vnet.subnets().forEach(sn -> nonNull(sn.ipConfigurations()).forEach(ip -> refs.add(ip.id())));
    } else if (o instanceof RouteTableInner rt) {
      nonNull(rt.subnets()).forEach(sn -> refs.add(sn.id()));
    } else if (o instanceof NetworkSecurityGroupInner nsg) {
      nonNull(nsg.subnets()).forEach(sn -> refs.add(sn.id()));
      nonNull(nsg.networkInterfaces()).forEach(nic -> refs.add(nic.id()));
    }
  }

  private void fetch(Matcher id) {
    String where = id.group(0);
    if (!id.group(1).equalsIgnoreCase(subscription)) {
      notes.add(new ModelError(PREFIX + where, "", "warning: not read: it is referred to, but in subscription "
          + id.group(1) + ", and the client is for " + subscription));
      return;
    }
    String rg = id.group(2);
    String name = id.group(4);
    Map<String, Function<String, JsonSerializable<?>>> get = Map.of(
        "networksecuritygroups", n -> client.getNetworkSecurityGroups().getByResourceGroup(rg, n),
        "routetables", n -> client.getRouteTables().getByResourceGroup(rg, n),
        "virtualnetworks", n -> client.getVirtualNetworks().getByResourceGroup(rg, n),
        "publicipaddresses", n -> client.getPublicIpAddresses().getByResourceGroup(rg, n),
        "networkinterfaces", n -> client.getNetworkInterfaces().getByResourceGroup(rg, n),
        "loadbalancers", n -> client.getLoadBalancers().getByResourceGroup(rg, n));
    try {
      JsonSerializable<?> o = get.get(id.group(3).toLowerCase(Locale.ROOT)).apply(name);
      objects.putIfAbsent(where.toLowerCase(Locale.ROOT), o);
    } catch (RuntimeException e) {
      if (e instanceof HttpResponseException he && he.getResponse() != null
          && he.getResponse().getStatusCode() == 404) {
        notes.add(new ModelError(PREFIX + where, "", "warning: left out: a listed resource refers to it, but it does"
            + " not exist: " + describe(e)));
      } else {
        errors.add(new ModelError(PREFIX + where, "", "cannot read this resource, which a listed one refers to: "
            + describe(e)));
      }
    }
  }

  /** What the object's {@code toJson} writes, as maps and lists. */
  private static Object tree(JsonSerializable<?> o) {
    StringWriter out = new StringWriter();
    try (JsonWriter w = JsonProviders.createWriter(out)) {
      o.toJson(w);
      w.flush();
      try (JsonReader r = JsonProviders.createReader(out.toString())) {
        return r.readUntyped();
      }
    } catch (IOException | RuntimeException e) {
      return null;   // AzureSdkScenario reports an object that cannot be written, naming it
    }
  }

  private static void collectIds(Object tree, List<String> out) {
    if (tree instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if ("id".equals(k) && v instanceof String id) {
          out.add(id);
        } else {
          collectIds(v, out);
        }
      });
    } else if (tree instanceof List<?> l) {
      l.forEach(x -> collectIds(x, out));
    }
  }

  private static void scaleSetOf(String ipConfigurationId, Map<String, List<String>> out) {
    if (ipConfigurationId == null) {
      return;
    }
    Matcher m = VMSS.matcher(ipConfigurationId);
    if (m.find()) {
      out.putIfAbsent((m.group(1) + "/" + m.group(2)).toLowerCase(Locale.ROOT), List.of(m.group(1), m.group(2)));
    }
  }

  private static <T> List<T> nonNull(List<T> l) {
    return l == null ? List.of() : l;
  }

  /** Reads one list to its end; keeps its objects only when every page was read. */
  private void list(String where, Supplier<Iterable<? extends JsonSerializable<?>>> pages) {
    List<JsonSerializable<?>> read = new ArrayList<>();
    try {
      for (JsonSerializable<?> o : pages.get()) {
        read.add(o);
      }
    } catch (RuntimeException e) {
      errors.add(new ModelError(PREFIX + where, "", "cannot list: " + describe(e)));
      return;
    }
    int i = 0;
    for (JsonSerializable<?> o : read) {
      String id = idOf(o);
      objects.putIfAbsent(id == null ? where + "#" + i : id.toLowerCase(Locale.ROOT), o);
      i++;
    }
  }

  /** The id an inner model holds (every network inner model extends {@code Resource} or {@code SubResource}). */
  private static String idOf(JsonSerializable<?> o) {
    if (o instanceof com.azure.core.management.Resource r) {
      return r.id();
    }
    if (o instanceof com.azure.core.management.SubResource r) {
      return r.id();
    }
    return null;
  }

  /** What went wrong, in one line: the HTTP status and ARM's error code and message when there are. */
  static String describe(RuntimeException e) {
    StringBuilder b = new StringBuilder();
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof HttpResponseException) && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof ManagementException me && me.getValue() != null && me.getValue().getCode() != null) {
      b.append("HTTP ").append(me.getResponse().getStatusCode()).append(' ').append(me.getValue().getCode())
          .append(": ").append(firstLine(me.getValue().getMessage()));
    } else if (t instanceof HttpResponseException he && he.getResponse() != null) {
      b.append("HTTP ").append(he.getResponse().getStatusCode()).append(": ").append(firstLine(he.getMessage()));
      if (he.getCause() != null && he.getCause() != he) {
        b.append(" (").append(firstLine(he.getCause().getMessage())).append(')');
      }
    } else {
      b.append(t.getClass().getSimpleName()).append(": ").append(firstLine(t.getMessage()));
    }
    return b.toString();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
