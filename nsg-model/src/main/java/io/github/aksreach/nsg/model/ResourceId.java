package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.InvalidModelException;
import java.util.Locale;
import java.util.Optional;

/**
 * An Azure resource id such as {@code /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/
 * networkSecurityGroups/nsg-user}. Azure treats ids case-insensitively (dumps print {@code resourceGroups/MC_rg} and
 * {@code resourcegroups/mc_rg} for the same group), so equality ignores case; {@link #toString()} keeps the spelling.
 *
 * <pre>{@code
 * ResourceId id = ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/user");
 * id.name();                    // "user"
 * id.parent().get().name();     // "v"
 * id.childType();               // "subnets"
 * id.equals(ResourceId.of(id.toString().toUpperCase()));   // true
 * }</pre>
 */
public final class ResourceId implements Comparable<ResourceId> {
  private final String value;
  private final String key;

  private ResourceId(String value) {
    this.value = value;
    this.key = value.toLowerCase(Locale.ROOT);
  }

  /** The id {@code value}; it must not be blank. Trailing slashes are removed. */
  public static ResourceId of(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidModelException("resource id must not be blank");
    }
    String v = value.trim();
    while (v.length() > 1 && v.endsWith("/")) {
      v = v.substring(0, v.length() - 1);
    }
    return new ResourceId(v);
  }

  /**
   * The id a resource without one gets, from its type and name, e.g. resources of an ARM template:
   * {@code /subscriptions/_/resourceGroups/_/providers/Microsoft.Network/networkSecurityGroups/nsg1}.
   */
  public static ResourceId synthetic(String type, String name) {
    return of("/subscriptions/_/resourceGroups/_/providers/" + type + "/" + name);
  }

  /** This id's child: {@code id/type/name}. */
  public ResourceId child(String type, String name) {
    return of(value + "/" + type + "/" + name);
  }

  /** The id as written. */
  public String value() {
    return value;
  }

  /** The last segment: the resource's name. */
  public String name() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  /** The second-to-last segment: the (child) type, such as {@code subnets} or {@code networkSecurityGroups}. */
  public String childType() {
    String head = value.substring(0, Math.max(0, value.lastIndexOf('/')));
    return head.substring(head.lastIndexOf('/') + 1);
  }

  /** The id without its last type/name pair ({@code .../virtualNetworks/v} for a subnet), if it has a parent. */
  public Optional<ResourceId> parent() {
    int prov = key.lastIndexOf("/providers/");
    if (prov < 0) {
      return Optional.empty();
    }
    String[] tail = value.substring(prov + "/providers/".length()).split("/");
    // namespace, then type/name pairs: a parent exists from the second pair on
    if (tail.length < 5) {
      return Optional.empty();
    }
    return Optional.of(of(value.substring(0, value.lastIndexOf('/', value.lastIndexOf('/') - 1))));
  }

  /** True if this id names a resource of {@code type} (a segment like {@code networkSecurityGroups}). */
  public boolean isOfType(String type) {
    return childType().equalsIgnoreCase(type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceId && ((ResourceId) o).key.equals(key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public int compareTo(ResourceId o) {
    return key.compareTo(o.key);
  }

  @Override
  public String toString() {
    return value;
  }
}
