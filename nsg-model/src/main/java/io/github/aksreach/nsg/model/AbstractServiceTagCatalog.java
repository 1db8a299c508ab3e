package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Service tags: the tags of loaded {@code ServiceTags_*.json} files, plus the three Azure defines by context
 * ({@code VirtualNetwork}, {@code Internet}) or by platform address ({@code AzureLoadBalancer}).
 *
 * <pre>{@code
 * ServiceTagCatalog tags = net.serviceTags();
 * IpSet vnetTag = ServiceTagCatalog.virtualNetworkSpace(net, vnet, true);
 * tags.resolve("VirtualNetwork", vnetTag).get();     // the VNet's VirtualNetwork tag
 * tags.resolve("storage.westeurope", vnetTag);        // names are case-insensitive
 * tags.resolve("NoSuchTag", vnetTag).isInvalid();     // true: an unknown tag is an error, never an empty set
 * }</pre>
 *
 * <p>Important notes on the built-in tags:
 * <ul>
 *   <li>{@code AzureLoadBalancer} = 168.63.129.16/32 (the host address health probes come from) plus
 *       {@link #AZURE_LB_PROBE_V6}, fe80::1234:5678:9abc/128, the link-local source of IPv6 probes as documented on
 *       learn.microsoft.com (load-balancer-custom-probe-overview, "IPv6 probes use a link-local address
 *       (fe80::1234:5678:9abc) as their source"). Client traffic through a load balancer keeps its own source.</li>
 *   <li>{@code VirtualNetwork} = the VNet's address space + peered address spaces + the prefixes of user-defined
 *       routes on the VNet's subnets + 168.63.129.16, computed per VNet by {@link #virtualNetworkSpace}. Azure says
 *       the tag "might also contain default routes": with {@code includeDefaultRoutes} a 0.0.0.0/0 UDR makes the tag
 *       every IPv4 address (third-party confirmations; the default used by the evaluator). Connected ranges no file
 *       names (on-premises behind a gateway) are added by the evaluator's options
 *       ({@code EvalOptions.connectedPrefixes()}).</li>
 *   <li>{@code Internet} = every address not in the VNet's {@code VirtualNetwork} tag. The exact complement is
 *       UNVERIFIED: Azure describes it as "the IP address space outside the virtual network and reachable by the
 *       public internet", Azure-owned public space included.</li>
 * </ul>
 * A loaded file can define any other tag, regional names ({@code Storage.WestEurope}) included.
 */
@Value.Immutable
abstract class AbstractServiceTagCatalog {
  /** The address of the Azure host: health probes, DNS, IMDS; part of VirtualNetwork and AzureLoadBalancer. */
  public static final IpAddress AZURE_HOST = IpAddress.of("168.63.129.16");

  /** The documented source of IPv6 load-balancer health probes. */
  public static final IpAddress AZURE_LB_PROBE_V6 = IpAddress.of("fe80::1234:5678:9abc");

  /** The addresses of the {@code AzureLoadBalancer} tag. */
  public static final IpSet AZURE_LOAD_BALANCER = IpSet.of(AZURE_HOST).union(IpSet.of(AZURE_LB_PROBE_V6));

  /** The names Azure defines without a download file. */
  public static final List<String> BUILT_IN = List.of("VirtualNetwork", "Internet", "AzureLoadBalancer");

  /** The tags of loaded files. */
  public abstract List<ServiceTagEntry> entries();

  /** {@code cloud} of the file ("Public", "China", ...), if loaded. */
  public abstract Optional<String> cloud();

  /** The file's top-level {@code changeNumber}, if loaded. */
  public abstract Optional<Long> changeNumber();

  @Value.Lazy
  Map<String, ServiceTagEntry> byName() {
    Map<String, ServiceTagEntry> m = new HashMap<>();
    for (ServiceTagEntry e : entries()) {
      m.put(e.name().toLowerCase(Locale.ROOT), e);
    }
    return m;
  }

  /** The loaded entry named {@code name}, ignoring case. */
  public Optional<ServiceTagEntry> entry(String name) {
    return Optional.ofNullable(byName().get(name.toLowerCase(Locale.ROOT)));
  }

  /** True if {@code name} is a built-in tag or a loaded one (ignoring case). */
  public boolean knows(String name) {
    return isBuiltIn(name) || entry(name).isPresent();
  }

  /** True for {@code VirtualNetwork}, {@code Internet} and {@code AzureLoadBalancer} (ignoring case). */
  public static boolean isBuiltIn(String name) {
    return BUILT_IN.stream().anyMatch(b -> b.equalsIgnoreCase(name));
  }

  /** The number of prefixes listed by all entries. */
  public int prefixCount() {
    return entries().stream().mapToInt(e -> e.prefixes().size()).sum();
  }

  /**
   * The addresses of tag {@code name} for a VNet whose {@code VirtualNetwork} tag is {@code virtualNetwork}.
   *
   * @return the exact set, or an error naming the tag if it is neither built in nor loaded
   */
  public Parsed<IpSet> resolve(String name, IpSet virtualNetwork) {
    return Parsed.of(resolveResult(name, virtualNetwork));
  }

  private Validation<ModelError, IpSet> resolveResult(String name, IpSet virtualNetwork) {
    if (name.equalsIgnoreCase("VirtualNetwork")) {
      return Validation.valid(virtualNetwork);
    }
    if (name.equalsIgnoreCase("Internet")) {
      return Validation.valid(virtualNetwork.complement());
    }
    if (name.equalsIgnoreCase("AzureLoadBalancer")) {
      return Validation.valid(AZURE_LOAD_BALANCER);
    }
    Optional<ServiceTagEntry> e = entry(name);
    if (e.isPresent()) {
      return Validation.valid(e.get().addresses());
    }
    return Validation.invalid(ModelError.of(
        "unknown service tag '%s': not VirtualNetwork, Internet or AzureLoadBalancer, and no loaded ServiceTags_*.json"
            + " file defines it (%d tags loaded)", name, entries().size()));
  }

  /**
   * The {@code VirtualNetwork} tag of {@code vnet}: its address space, peered address spaces, the prefixes of
   * user-defined routes in the route tables of its subnets, and 168.63.129.16.
   *
   * @param includeDefaultRoutes whether a default route (0.0.0.0/0, ::/0) counts; if so it makes the tag every
   *     address of its family
   */
  public static IpSet virtualNetworkSpace(AzureNetwork net, VirtualNetwork vnet, boolean includeDefaultRoutes) {
    IpSet s = vnet.addressSpace().union(IpSet.ofPrefixes(vnet.peeredPrefixes())).union(IpSet.of(AZURE_HOST));
    java.util.Set<ResourceId> tables = new java.util.HashSet<>();
    for (Subnet sub : vnet.subnets()) {
      sub.routeTableId().ifPresent(tables::add);
    }
    for (ResourceId t : tables) {
      Optional<RouteTable> rt = net.routeTable(t);
      if (rt.isEmpty()) {
        continue;
      }
      for (Route r : rt.get().routes()) {
        if (r.destination() instanceof AddressSpec.Prefixes) {
          for (IpPrefix p : ((AddressSpec.Prefixes) r.destination()).prefixes()) {
            if (p.length() == 0 && !includeDefaultRoutes) {
              continue;
            }
            s = s.union(IpSet.of(p));
          }
        }
      }
    }
    return s;
  }
}
