package io.github.aksreach.azure;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonSerializable;
import com.azure.json.JsonWriter;
import io.github.aksreach.core.model.ModelError;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Azure SDK model object as the ARM JSON the Azure loader reads: what its {@code toJson} writes (the request
 * shape: {@code properties} nested, read-only fields left out), completed with what the loader needs and the id
 * determines: {@code id} (when given beside the object), {@code name} and {@code type}; and, for a network security
 * group, Azure's six default rules, which every NSG has and none can change, but {@code toJson} leaves out.
 */
final class SdkJson {
  static final String NSG_TYPE = "Microsoft.Network/networkSecurityGroups";

  /** Azure's default rules of every NSG: name, direction, access, source, destination, priority, description. */
  private static final List<String[]> DEFAULT_RULES = List.of(
      new String[] {"AllowVnetInBound", "Inbound", "Allow", "VirtualNetwork", "VirtualNetwork", "65000",
          "Allow inbound traffic from all VMs in VNET"},
      new String[] {"AllowAzureLoadBalancerInBound", "Inbound", "Allow", "AzureLoadBalancer", "*", "65001",
          "Allow inbound traffic from azure load balancer"},
      new String[] {"DenyAllInBound", "Inbound", "Deny", "*", "*", "65500", "Deny all inbound traffic"},
      new String[] {"AllowVnetOutBound", "Outbound", "Allow", "VirtualNetwork", "VirtualNetwork", "65000",
          "Allow outbound traffic from all VMs to all VMs in VNET"},
      new String[] {"AllowInternetOutBound", "Outbound", "Allow", "*", "Internet", "65001",
          "Allow outbound traffic from all VMs to Internet"},
      new String[] {"DenyAllOutBound", "Outbound", "Deny", "*", "*", "65500", "Deny all outbound traffic"});

  /** The text, its name, and a note about what was added, if anything. */
  record Converted(String name, String json, Optional<ModelError> note) {}

  private SdkJson() {}

  /** What {@code model.toJson} writes. */
  static String write(JsonSerializable<?> model) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonWriter w = JsonProviders.createWriter(out)) {
      model.toJson(w);
      w.flush();
    }
    return out.toString();
  }

  /**
   * The object's JSON completed as described above, under the text name {@code prefix + id}; or the error naming it
   * ({@code fallbackName}, when it has no id) that says what is wrong.
   */
  static Converted convert(String prefix, String fallbackName, JsonSerializable<?> model, Optional<String> givenId)
      throws IOException, Refused {
    Object tree;
    try (JsonReader r = JsonProviders.createReader(write(model))) {
      tree = r.readUntyped();
    }
    if (!(tree instanceof Map<?, ?> written)) {
      throw new Refused(fallbackName, "", "toJson wrote " + (tree == null ? "null" : "a JSON "
          + (tree instanceof List ? "array" : "value")) + ", not a resource object");
    }
    Object idValue = written.get("id");
    if (idValue != null && !(idValue instanceof String)) {
      throw new Refused(fallbackName, "id", "expected a string resource id, found " + idValue);
    }
    Optional<String> id = givenId.or(() -> Optional.ofNullable((String) idValue)).map(String::trim)
        .filter(s -> !s.isEmpty());
    if (id.isEmpty()) {
      throw new Refused(fallbackName, "id", "no resource id: this model's toJson writes none (in the"
          + " resource-manager SDK, id is read-only on some resources, e.g. ManagedClusterInner) or it was never set;"
          + " give it beside the object: AzureSdkScenario.Resource.of(id, model)");
    }
    if (idValue != null && !id.get().equals(((String) idValue).trim())) {
      throw new Refused(prefix + id.get(), "id", "the id given beside the object differs from the one it writes ("
          + idValue + ")");
    }
    String name = prefix + id.get();
    Optional<String> type = ArmIds.type(id.get());
    if (type.isEmpty()) {
      throw new Refused(name, "id", "not an ARM resource id (/subscriptions/<sub>/resourceGroups/<rg>/providers/"
          + "<namespace>/<type>/<name>[/<child type>/<child name>...]): cannot tell the resource's type");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id.get());
    out.put("name", written.get("name") instanceof String n ? n : ArmIds.name(id.get()).orElse(""));
    out.put("type", written.get("type") instanceof String t ? t : type.get());
    for (Map.Entry<?, ?> e : written.entrySet()) {
      if (!out.containsKey(String.valueOf(e.getKey()))) {
        out.put(String.valueOf(e.getKey()), e.getValue());
      }
    }
    Optional<ModelError> note = Optional.empty();
    if (String.valueOf(out.get("type")).equalsIgnoreCase(NSG_TYPE)) {
      note = addDefaultRules(name, id.get(), out);
    }
    StringWriter text = new StringWriter();
    try (JsonWriter w = JsonProviders.createWriter(text)) {
      w.writeUntyped(out);
      w.flush();
    }
    return new Converted(name, text.toString(), note);
  }

  /** Adds Azure's default rules to an NSG whose JSON has none, saying so. */
  private static Optional<ModelError> addDefaultRules(String name, String nsgId, Map<String, Object> nsg)
      throws Refused {
    Object props = nsg.get("properties");
    if (props != null && !(props instanceof Map)) {
      throw new Refused(name, "properties", "expected an object, found " + props);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> p = props == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) props);
    if (p.get("defaultSecurityRules") instanceof List<?> l && !l.isEmpty()) {
      return Optional.empty();
    }
    List<Object> rules = new ArrayList<>();
    for (String[] d : DEFAULT_RULES) {
      Map<String, Object> rp = new LinkedHashMap<>();
      rp.put("protocol", "*");
      rp.put("access", d[2]);
      rp.put("priority", Integer.parseInt(d[5]));
      rp.put("direction", d[1]);
      rp.put("description", d[6]);
      rp.put("sourcePortRange", "*");
      rp.put("destinationPortRange", "*");
      rp.put("sourceAddressPrefix", d[3]);
      rp.put("destinationAddressPrefix", d[4]);
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("id", nsgId + "/defaultSecurityRules/" + d[0]);
      rule.put("name", d[0]);
      rule.put("type", NSG_TYPE + "/defaultSecurityRules");
      rule.put("properties", rp);
      rules.add(rule);
    }
    p.put("defaultSecurityRules", rules);
    nsg.put("properties", p);
    return Optional.of(new ModelError(name, "properties.defaultSecurityRules", "info: the Azure SDK's toJson leaves"
        + " out defaultSecurityRules (read-only in its model): Azure's six default rules, the same in every NSG, were"
        + " added (AllowVnetInBound, AllowAzureLoadBalancerInBound, DenyAllInBound at 65000-65500, and their"
        + " outbound counterparts)"));
  }

  /** An object that cannot be read, with the text name and JSON path the error is about. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final transient ModelError error;

    Refused(String name, String path, String message) {
      super(message, null, false, false);
      this.error = new ModelError(name, path, message);
    }
  }
}
