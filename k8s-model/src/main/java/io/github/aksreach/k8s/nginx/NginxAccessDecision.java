package io.github.aksreach.k8s.nginx;

/**
 * What one NGINX location's access rules decide for one client address.
 *
 * <pre>{@code
 * NginxAccessDecision d = policy.decide(IpAddress.of("10.244.2.1"));
 * d.result();   // FORBIDDEN
 * d.status();   // 403
 * d.rule();     // "whitelist-source-range"
 * }</pre>
 *
 * @param result allowed, forbidden (403) or location denied (503)
 * @param status the HTTP status NGINX answers with when not allowed (403 or 503); 0 when allowed
 * @param rule the deciding list ({@code denylist-source-range}, {@code allowlist-source-range},
 *     {@code whitelist-source-range}, {@code block-cidrs}), or empty
 * @param reason why, in words
 */
public record NginxAccessDecision(Result result, int status, String rule, String reason) {
  /** The three outcomes. */
  public enum Result {
    ALLOWED,
    /** HTTP 403: denied by a deny list, or not in the allow list. */
    FORBIDDEN,
    /** HTTP 503 for everyone: the location's allow/deny annotation has no valid value. */
    LOCATION_DENIED
  }

  public boolean allowed() {
    return result == Result.ALLOWED;
  }
}
