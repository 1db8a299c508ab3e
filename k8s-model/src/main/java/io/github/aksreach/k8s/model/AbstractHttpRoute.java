package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.core.model.InvalidModelException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * A Gateway API {@code HTTPRoute} (GWAPI section 2): parents, hostnames and rules of matches, filters and weighted
 * backends.
 *
 * <pre>{@code
 * HttpRoute r = HttpRoute.builder().namespace("app").name("web")
 *     .addParentRefs(ParentRef.gateway("gw", "infra"))
 *     .addHostnames("www.example.com")
 *     .addRules(HttpRoute.Rule.to(BackendRef.service("web", 8080))
 *         .withMatches(List.of(HttpRoute.Match.pathPrefix("/app"))))
 *     .build();
 * r.rules().get(0).matches().get(0).path();   // PathPrefix /app
 * }</pre>
 *
 * <p>A rule without {@code matches} matches {@code PathPrefix /} (R2.12); the loader and {@link Rule#effectiveMatches()}
 * both apply that default.
 */
@Value.Immutable
public abstract class AbstractHttpRoute implements GatewayRoute {
  @Override
  public String kind() {
    return "HTTPRoute";
  }

  public abstract Map<String, String> labels();

  public abstract Map<String, String> annotations();

  public abstract List<Rule> rules();

  @Override
  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("HTTPRoute namespace and name must not be empty");
    }
  }

  @Override
  public String toString() {
    return "HTTPRoute " + key();
  }

  /** {@code path.type} (R2.13). */
  public enum PathType implements ApiNamed {
    EXACT("Exact"),
    PATH_PREFIX("PathPrefix"),
    REGULAR_EXPRESSION("RegularExpression");

    private final String apiName;

    PathType(String apiName) {
      this.apiName = apiName;
    }

    @Override
    public String apiName() {
      return apiName;
    }
  }

  /**
   * A path match.
   *
   * @param type how the path is compared
   * @param value the path, prefix or regular expression
   */
  public record PathMatch(PathType type, String value) {
    /** The default path match, {@code PathPrefix /}. */
    public static final PathMatch ROOT = new PathMatch(PathType.PATH_PREFIX, "/");

    public PathMatch {
      if (type == null || value == null) {
        throw new IllegalArgumentException("PathMatch fields must not be null");
      }
    }

    @Override
    public String toString() {
      return type.apiName() + " " + value;
    }
  }

  /**
   * One match: every field must hold (AND); the matches of a rule are ORed (R2.12).
   *
   * @param path the path match ({@link PathMatch#ROOT} when unset)
   * @param headers header matches (names case-insensitive)
   * @param queryParams query parameter matches (names exact)
   * @param method the HTTP method, if matched
   */
  public record Match(PathMatch path, List<ValueMatch> headers, List<ValueMatch> queryParams,
      Optional<String> method) {
    public Match {
      if (path == null || headers == null || queryParams == null || method == null) {
        throw new IllegalArgumentException("Match fields must not be null");
      }
      headers = List.copyOf(headers);
      queryParams = List.copyOf(queryParams);
    }

    public static Match path(PathType type, String value) {
      return new Match(new PathMatch(type, value), List.of(), List.of(), Optional.empty());
    }

    public static Match pathPrefix(String prefix) {
      return path(PathType.PATH_PREFIX, prefix);
    }

    public static Match exact(String path) {
      return path(PathType.EXACT, path);
    }

    public Match withHeaders(List<ValueMatch> h) {
      return new Match(path, h, queryParams, method);
    }

    public Match withQueryParams(List<ValueMatch> q) {
      return new Match(path, headers, q, method);
    }

    public Match withMethod(String m) {
      return new Match(path, headers, queryParams, Optional.of(m));
    }

    @Override
    public String toString() {
      return path + (headers.isEmpty() ? "" : " headers " + headers) + (queryParams.isEmpty() ? ""
          : " query " + queryParams) + method.map(m -> " " + m).orElse("");
    }
  }

  /** A filter's {@code type} (R2.31). */
  public enum FilterType implements ApiNamed {
    REQUEST_HEADER_MODIFIER("RequestHeaderModifier"),
    RESPONSE_HEADER_MODIFIER("ResponseHeaderModifier"),
    REQUEST_MIRROR("RequestMirror"),
    REQUEST_REDIRECT("RequestRedirect"),
    URL_REWRITE("URLRewrite"),
    CORS("CORS"),
    EXTERNAL_AUTH("ExternalAuth"),
    EXTENSION_REF("ExtensionRef");

    private final String apiName;

    FilterType(String apiName) {
      this.apiName = apiName;
    }

    @Override
    public String apiName() {
      return apiName;
    }
  }

  /** A path modifier's {@code type}. */
  public enum PathModifierType implements ApiNamed {
    REPLACE_FULL_PATH("ReplaceFullPath"),
    REPLACE_PREFIX_MATCH("ReplacePrefixMatch");

    private final String apiName;

    PathModifierType(String apiName) {
      this.apiName = apiName;
    }

    @Override
    public String apiName() {
      return apiName;
    }
  }

  /**
   * A redirect's or rewrite's {@code path}.
   *
   * @param type full path or prefix replacement
   * @param value the replacement
   */
  public record PathModifier(PathModifierType type, String value) {
    public PathModifier {
      if (type == null || value == null) {
        throw new IllegalArgumentException("PathModifier fields must not be null");
      }
    }
  }

  /**
   * {@code requestRedirect} (R2.32): answered by the gateway, the backend is never contacted.
   *
   * @param scheme {@code http} or {@code https}; empty keeps the request's
   * @param hostname the new host; empty keeps the request's
   * @param path the path modifier
   * @param port the new port; empty derives it from the scheme or the listener
   * @param statusCode 301, 302 (default), 303, 307 or 308
   */
  public record Redirect(Optional<String> scheme, Optional<String> hostname, Optional<PathModifier> path,
      OptionalInt port, int statusCode) {
    public Redirect {
      if (scheme == null || hostname == null || path == null || port == null) {
        throw new IllegalArgumentException("Redirect fields must not be null");
      }
    }

    /** A 302 to the same URL on {@code https}. */
    public static Redirect toHttps() {
      return new Redirect(Optional.of("https"), Optional.empty(), Optional.empty(), OptionalInt.empty(), 302);
    }
  }

  /**
   * {@code urlRewrite} (R2.33).
   *
   * @param hostname replaces the Host
   * @param path the path modifier
   */
  public record Rewrite(Optional<String> hostname, Optional<PathModifier> path) {
    public Rewrite {
      if (hostname == null || path == null) {
        throw new IllegalArgumentException("Rewrite fields must not be null");
      }
    }
  }

  /**
   * One filter; {@code redirect}, {@code rewrite} and {@code mirror} are set for their types.
   *
   * @param type the filter type
   * @param redirect for {@code RequestRedirect}
   * @param rewrite for {@code URLRewrite}
   * @param mirror the mirror target for {@code RequestMirror}
   */
  public record Filter(FilterType type, Optional<Redirect> redirect, Optional<Rewrite> rewrite,
      Optional<BackendRef> mirror) {
    public Filter {
      if (type == null || redirect == null || rewrite == null || mirror == null) {
        throw new IllegalArgumentException("Filter fields must not be null");
      }
    }

    public static Filter redirect(Redirect r) {
      return new Filter(FilterType.REQUEST_REDIRECT, Optional.of(r), Optional.empty(), Optional.empty());
    }

    public static Filter rewrite(Rewrite r) {
      return new Filter(FilterType.URL_REWRITE, Optional.empty(), Optional.of(r), Optional.empty());
    }

    public static Filter of(FilterType type) {
      return new Filter(type, Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /**
   * One rule.
   *
   * @param name {@code name} (standard from v1.4), if set
   * @param matches the ORed matches; empty means {@code PathPrefix /}
   * @param filters the filters
   * @param backendRefs weighted backends
   */
  public record Rule(Optional<String> name, List<Match> matches, List<Filter> filters, List<BackendRef> backendRefs) {
    public Rule {
      if (name == null || matches == null || filters == null || backendRefs == null) {
        throw new IllegalArgumentException("Rule fields must not be null");
      }
      matches = List.copyOf(matches);
      filters = List.copyOf(filters);
      backendRefs = List.copyOf(backendRefs);
    }

    /** A rule with no matches (so {@code PathPrefix /}) and these backends. */
    public static Rule to(BackendRef... backends) {
      return new Rule(Optional.empty(), List.of(), List.of(), List.of(backends));
    }

    public Rule withMatches(List<Match> m) {
      return new Rule(name, m, filters, backendRefs);
    }

    public Rule withFilters(List<Filter> f) {
      return new Rule(name, matches, f, backendRefs);
    }

    /** The matches, or the single default {@code PathPrefix /} when there are none (R2.12). */
    public List<Match> effectiveMatches() {
      return matches.isEmpty() ? List.of(new Match(PathMatch.ROOT, List.of(), List.of(), Optional.empty()))
          : matches;
    }

    public Optional<Redirect> redirect() {
      return filters.stream().flatMap(f -> f.redirect().stream()).findFirst();
    }

    public Optional<Rewrite> rewrite() {
      return filters.stream().flatMap(f -> f.rewrite().stream()).findFirst();
    }
  }
}
