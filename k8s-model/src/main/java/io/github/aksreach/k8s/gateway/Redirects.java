package io.github.aksreach.k8s.gateway;

import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.HttpRoute;

/**
 * RequestRedirect and URLRewrite arithmetic (R2.32, R2.33): the {@code Location} of a redirect and the path after a
 * {@code ReplaceFullPath} or {@code ReplacePrefixMatch}.
 *
 * <pre>{@code
 * Redirects.replacePrefix("/foo/bar", "/foo", "/xyz");   // "/xyz/bar"
 * Redirects.replacePrefix("/foo", "/foo", "");           // "/"
 * Redirects.location(HttpRoute.Redirect.toHttps(), httpListener80, HttpRequest.get(80, "a.com", "/x?y=1"),
 *     "a.com", HttpRoute.PathMatch.ROOT);                 // "https://a.com/x?y=1"
 * }</pre>
 */
public final class Redirects {
  private Redirects() {}

  /** ReplacePrefixMatch per the normative table of R2.33. */
  public static String replacePrefix(String path, String matchedPrefix, String replacement) {
    String prefix = matchedPrefix.equals("/") ? "" : matchedPrefix.endsWith("/")
        ? matchedPrefix.substring(0, matchedPrefix.length() - 1) : matchedPrefix;
    String rest = path.length() >= prefix.length() ? path.substring(prefix.length()) : "";
    if (replacement.endsWith("/") && rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    String out = replacement + rest;
    return out.isEmpty() ? "/" : out.startsWith("/") ? out : "/" + out;
  }

  /** The path after a modifier; {@code matched} is the winning match's path (for ReplacePrefixMatch). */
  public static String modifyPath(HttpRoute.PathModifier m, String path, HttpRoute.PathMatch matched) {
    return m.type() == HttpRoute.PathModifierType.REPLACE_FULL_PATH ? m.value()
        : replacePrefix(path, matched.value(), m.value());
  }

  /**
   * The {@code Location} of a redirect: scheme (the redirect's, else the listener's), host (the redirect's, else the
   * request's without port), port (the redirect's; else 80/443 when the scheme is set; else the listener's; omitted
   * when it is the scheme's default), path (modified or kept) and query.
   */
  public static String location(HttpRoute.Redirect r, Gateway.Listener listener, HttpRequest request, String host,
      HttpRoute.PathMatch matched) {
    String scheme = r.scheme().orElse(listener.protocol().equals("HTTPS") ? "https" : "http");
    int port = r.port().isPresent() ? r.port().getAsInt() : r.scheme().isPresent()
        ? (scheme.equals("https") ? 443 : 80) : listener.port();
    boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = r.path().map(m -> modifyPath(m, request.pathOnly(), matched)).orElse(request.pathOnly());
    String query = request.query().isEmpty() ? "" : "?" + request.query();
    return scheme + "://" + r.hostname().orElse(host) + (defaultPort ? "" : ":" + port) + path + query;
  }
}
