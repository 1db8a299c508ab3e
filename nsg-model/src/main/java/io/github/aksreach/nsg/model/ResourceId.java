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
  /**
   * The value in lower case ({@link Locale#ROOT}) when it has a character outside ASCII, else null: an ASCII id is
   * compared through its own characters, lowered one at a time, which keeps a dump of 50,000 NICs from holding every
   * id twice.
   */
  private final String key;
  private final int hash;

  private ResourceId(String value) {
    this.value = value;
    String lowered = null;
    int h = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        lowered = value.toLowerCase(Locale.ROOT);
        break;
      }
      h = 31 * h + lower(c);
    }
    this.key = lowered;
    this.hash = lowered == null ? h : lowered.hashCode();
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private int keyLength() {
    return key == null ? value.length() : key.length();
  }

  private char keyAt(int i) {
    return key == null ? lower(value.charAt(i)) : key.charAt(i);
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
    int prov = lastProviders();
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

  /** Where the last {@code /providers/} segment starts, ignoring the case of ASCII letters, or -1. */
  private int lastProviders() {
    String marker = "/providers/";
    for (int at = value.length() - marker.length(); at >= 0; at--) {
      int i = 0;
      while (i < marker.length() && lower(value.charAt(at + i)) == marker.charAt(i)) {
        i++;
      }
      if (i == marker.length()) {
        return at;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ResourceId)) {
      return false;
    }
    ResourceId other = (ResourceId) o;
    if (other.hash != hash) {
      return false;
    }
    if (key == null && other.key == null) {
      // ASCII both: the JDK's case-insensitive comparison folds exactly the ASCII letters
      return value.equals(other.value) || value.equalsIgnoreCase(other.value);
    }
    return compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The order of the ids in lower case ({@link Locale#ROOT}), character by character. */
  @Override
  public int compareTo(ResourceId o) {
    if (key == null && o.key == null) {
      return String.CASE_INSENSITIVE_ORDER.compare(value, o.value);
    }
    int n = Math.min(keyLength(), o.keyLength());
    for (int i = 0; i < n; i++) {
      char a = keyAt(i);
      char b = o.keyAt(i);
      if (a != b) {
        return a - b;
      }
    }
    return keyLength() - o.keyLength();
  }

  @Override
  public String toString() {
    return value;
  }
}
