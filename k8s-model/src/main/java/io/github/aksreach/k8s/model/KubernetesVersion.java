package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * A Kubernetes minor version ({@code 1.29}); it changes behaviour such as the {@code appProtocol} probe rule (HTTP on
 * {@code /} from 1.24, DOMAIN 3.2).
 *
 * <pre>{@code
 * KubernetesVersion v = KubernetesVersion.parse("v1.24.6").orElseThrow();
 * v.isAtLeast(1, 24);   // true
 * v.toString();         // "1.24"
 * }</pre>
 *
 * @param major the major version (1)
 * @param minor the minor version
 */
public record KubernetesVersion(int major, int minor) implements Comparable<KubernetesVersion> {
  public KubernetesVersion {
    if (major < 0 || minor < 0) {
      throw new InvalidModelException("version numbers must not be negative");
    }
  }

  public static KubernetesVersion of(int major, int minor) {
    return new KubernetesVersion(major, minor);
  }

  /** Parses {@code 1.29}, {@code v1.29} or {@code 1.29.3} (the patch is ignored). */
  public static Parsed<KubernetesVersion> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, KubernetesVersion> parseResult(String text) {
    String t = text == null ? "" : text.trim();
    if (t.startsWith("v") || t.startsWith("V")) {
      t = t.substring(1);
    }
    String[] parts = t.split("\\.", -1);
    if (parts.length < 2 || parts.length > 3) {
      return Validation.invalid(ModelError.of("invalid Kubernetes version '%s': expected MAJOR.MINOR such as 1.29",
          text));
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Validation.invalid(ModelError.of(
            "invalid Kubernetes version '%s': expected MAJOR.MINOR such as 1.29", text));
      }
    }
    return Validation.valid(of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
  }

  public boolean isAtLeast(int major, int minor) {
    return compareTo(of(major, minor)) >= 0;
  }

  @Override
  public int compareTo(KubernetesVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
