package io.github.aksreach.azure.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ARM REST bodies from {@code az} output: what the service sends for the same resources. {@code az} prints a
 * resource with its {@code properties} lifted to the top and a {@code resourceGroup} beside them; ARM nests them
 * under {@code properties}, in the resource and in each of its child resources (rules, subnets, IP configurations,
 * routes, a load balancer's frontends, pools, rules and probes), and names three managed-cluster fields otherwise
 * ({@code vnetSubnetID}, {@code podSubnetID}, {@code dnsServiceIP}). Read-only fields ({@code etag},
 * {@code provisioningState}, {@code defaultSecurityRules}, back-references) are kept: ARM sends them.
 */
final class ArmBodies {
  /** Fields ARM keeps beside {@code properties}. */
  private static final Set<String> ENVELOPE = Set.of("id", "name", "type", "etag", "location", "tags", "sku", "zones",
      "extendedLocation", "identity", "kind", "systemData", "managedBy");
  /** Child resources ARM nests the same way. */
  private static final Set<String> CHILDREN = Set.of("securityRules", "defaultSecurityRules", "subnets",
      "ipConfigurations", "routes", "frontendIPConfigurations", "backendAddressPools", "loadBalancingRules", "probes",
      "inboundNatRules", "inboundNatPools", "outboundRules", "virtualNetworkPeerings", "backendIPConfigurations",
      "loadBalancerBackendAddressPools", "loadBalancerInboundNatRules");
  private static final Map<String, String> ARM_NAMES = Map.of("vnetSubnetId", "vnetSubnetID", "podSubnetId",
      "podSubnetID", "dnsServiceIp", "dnsServiceIP");

  private ArmBodies() {}

  /** The {@code az} objects of one file: a list, or one object. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> azObjects(Path file) {
    try {
      Object tree = RecordedArm.parse(Files.readString(file));
      List<Map<String, Object>> out = new ArrayList<>();
      if (tree instanceof List<?> l) {
        l.forEach(o -> out.add((Map<String, Object>) o));
      } else {
        out.add((Map<String, Object>) tree);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ARM body of one {@code az} resource (or child resource). */
  static Map<String, Object> arm(Map<String, Object> az) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> props = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : az.entrySet()) {
      String k = e.getKey();
      if (k.equals("resourceGroup")) {
        continue;
      }
      Object v = k.equals("properties") ? null : value(k, e.getValue());
      if (k.equals("properties") && e.getValue() instanceof Map<?, ?> p) {
        p.forEach((pk, pv) -> props.put((String) pk, value((String) pk, pv)));
      } else if (ENVELOPE.contains(k)) {
        out.put(k, v);
      } else {
        props.put(ARM_NAMES.getOrDefault(k, k), v);
      }
    }
    if (!props.isEmpty()) {
      out.put("properties", props);
    }
    return out;
  }

  /** A field's value: child resources nested, {@code resourceGroup} dropped from references, ARM names. */
  @SuppressWarnings("unchecked")
  private static Object value(String key, Object v) {
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(CHILDREN.contains(key) && o instanceof Map<?, ?> m && m.containsKey("id")
            ? arm((Map<String, Object>) m) : value("", o));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> {
        if (!"resourceGroup".equals(k)) {
          out.put(ARM_NAMES.getOrDefault((String) k, (String) k), value((String) k, x));
        }
      });
      return out;
    }
    return v;
  }
}
