package io.github.aksreach.k8s.nginx;

import org.immutables.value.Value;

/**
 * The points of ingress-nginx behaviour that DOMAIN 5 leaves UNVERIFIED (or that this project inferred from the code
 * rather than confirmed), as explicit options with documented defaults.
 *
 * <pre>{@code
 * NginxOptions o = NginxOptions.defaults()
 *     .withImplementationSpecificMatch(NginxOptions.ImplementationSpecificMatch.PATH_PREFIX);
 * }</pre>
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>why</th></tr>
 *   <tr><td>{@link #implementationSpecificMatch()}</td><td>{@code CHARACTER_PREFIX}</td><td>{@code pathType:
 *   ImplementationSpecific} is treated as a prefix. ingress-nginx renders it (without {@code use-regex}) as a plain
 *   nginx {@code location /path}, a character prefix: {@code /foo} also matches {@code /foobar}. {@code PATH_PREFIX}
 *   treats it like {@code Prefix} (path elements) instead. Regex paths are not modelled.</td></tr>
 *   <tr><td>{@link #invalidListEntries()}</td><td>{@code DENY_LOCATION}</td><td>DOMAIN 5.1: a list with no parsable
 *   address makes the location return 503; for a list mixing valid and invalid entries the runtime behaviour is
 *   UNVERIFIED. ingress-nginx's {@code ParseIPNets} fails on the first bad entry, so the default treats any invalid entry
 *   as an invalid list (503). {@code IGNORE_INVALID} keeps the valid entries (503 only when none is valid).</td></tr>
 *   <tr><td>{@link #blockCidrsInheritedByRestrictedLocations()}</td><td>false</td><td>{@code block-cidrs} is an
 *   http-level {@code deny}; nginx inherits access rules into a location only when the location has none of its own,
 *   so a location with an allow or deny list does not apply {@code block-cidrs}. True applies it everywhere.</td></tr>
 * </table>
 */
@Value.Immutable
public abstract class AbstractNginxOptions {
  /** How {@code ImplementationSpecific} paths match. */
  public enum ImplementationSpecificMatch {
    /** nginx {@code location /path}: a string prefix ({@code /foo} matches {@code /foobar}). */
    CHARACTER_PREFIX,
    /** Like {@code Prefix}: whole path elements ({@code /foo} matches {@code /foo/bar}, not {@code /foobar}). */
    PATH_PREFIX
  }

  /** What an allow/deny list with an invalid entry does. */
  public enum InvalidListEntries {
    /** Any invalid entry invalidates the list: the location returns 503 for everyone. */
    DENY_LOCATION,
    /** Invalid entries are dropped; 503 only when no entry is valid. */
    IGNORE_INVALID
  }

  @Value.Default
  public ImplementationSpecificMatch implementationSpecificMatch() {
    return ImplementationSpecificMatch.CHARACTER_PREFIX;
  }

  @Value.Default
  public InvalidListEntries invalidListEntries() {
    return InvalidListEntries.DENY_LOCATION;
  }

  @Value.Default
  public boolean blockCidrsInheritedByRestrictedLocations() {
    return false;
  }

  public static NginxOptions defaults() {
    return NginxOptions.builder().build();
  }
}
