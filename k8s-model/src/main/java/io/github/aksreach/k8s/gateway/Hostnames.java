package io.github.aksreach.k8s.gateway;

import java.util.Locale;
import java.util.Optional;

/**
 * Gateway API hostname rules (G1.7, G1.8, R2.6): wildcard matching (one or more labels), listener/route
 * intersection, and the specificity order listeners and virtual hosts are chosen by.
 *
 * <pre>{@code
 * Hostnames.matches("*.example.com", "a.b.example.com");              // true: one or more labels
 * Hostnames.matches("*.example.com", "example.com");                  // false
 * Hostnames.intersect("*.wildcard.io", "foo.bar.wildcard.io");        // Optional[foo.bar.wildcard.io]
 * Hostnames.intersect("*.com", "*.example.com");                      // Optional[*.example.com]
 * Hostnames.hostOf("Very.Specific.com:1234");                         // "very.specific.com": port ignored
 * }</pre>
 *
 * <p>{@value #ANY} stands for "no hostname" (every host).
 */
public final class Hostnames {
  /** The hostname that matches every host (an unset listener or route hostname). */
  public static final String ANY = "*";

  private Hostnames() {}

  /** The host of a Host header (or {@code :authority}): lower case, without port (R2.8: the port is ignored). */
  public static String hostOf(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.lastIndexOf(':');
    return colon >= 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
  }

  /** Whether {@code host} (a concrete name) matches {@code pattern} (exact, {@code *.suffix} or {@value #ANY}). */
  public static boolean matches(String pattern, String host) {
    if (pattern.equals(ANY)) {
      return true;
    }
    if (pattern.startsWith("*.")) {
      String suffix = pattern.substring(1);
      return host.length() > suffix.length() && host.endsWith(suffix) && host.charAt(host.length()
          - suffix.length() - 1) != '.';
    }
    return pattern.equals(host);
  }

  private static boolean isWildcard(String h) {
    return h.startsWith("*.");
  }

  /**
   * The intersection of a listener hostname and a route hostname (R2.6), or empty when they do not overlap.
   * Either may be {@value #ANY}.
   */
  public static Optional<String> intersect(String listener, String route) {
    if (listener.equals(ANY)) {
      return Optional.of(route);
    }
    if (route.equals(ANY)) {
      return Optional.of(listener);
    }
    if (!isWildcard(listener) && !isWildcard(route)) {
      return listener.equals(route) ? Optional.of(route) : Optional.empty();
    }
    if (isWildcard(listener) && !isWildcard(route)) {
      return matches(listener, route) ? Optional.of(route) : Optional.empty();
    }
    if (!isWildcard(listener)) {
      return matches(route, listener) ? Optional.of(listener) : Optional.empty();
    }
    String ls = listener.substring(1);
    String rs = route.substring(1);
    if (rs.endsWith(ls)) {
      return Optional.of(route);
    }
    return ls.endsWith(rs) ? Optional.of(listener) : Optional.empty();
  }

  /**
   * How specific a hostname is, larger first: an exact name beats any wildcard, a longer wildcard suffix beats a
   * shorter one, {@value #ANY} is last (G1.8 step 3; R2.9's "characters in a matching non-wildcard hostname, then in
   * a matching hostname").
   */
  public static long specificity(String hostname) {
    if (hostname.equals(ANY)) {
      return 0;
    }
    return isWildcard(hostname) ? 1 + hostname.length() : 1_000_000L + hostname.length();
  }
}
