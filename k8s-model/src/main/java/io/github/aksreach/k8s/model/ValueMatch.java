package io.github.aksreach.k8s.model;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A header or query-parameter match of a route (GWAPI R2.15, R2.16): a name and a value, compared exactly or by a
 * regular expression (full match).
 *
 * <pre>{@code
 * ValueMatch v = ValueMatch.exact("version", "two");
 * v.matchesValue("two");   // true
 * v.matchesValue("Two");   // false: values are case-sensitive
 * }</pre>
 *
 * @param type how the value is compared
 * @param name header name (compared case-insensitively by the router) or query parameter name (exactly)
 * @param value the value or regular expression
 */
public record ValueMatch(Type type, String name, String value) {
  /** {@code type}: {@code Exact} (default) or {@code RegularExpression}. */
  public enum Type implements ApiNamed {
    EXACT("Exact"),
    REGULAR_EXPRESSION("RegularExpression");

    private final String apiName;

    Type(String apiName) {
      this.apiName = apiName;
    }

    @Override
    public String apiName() {
      return apiName;
    }
  }

  public ValueMatch {
    if (type == null || name == null || value == null) {
      throw new IllegalArgumentException("ValueMatch fields must not be null");
    }
    if (type == Type.REGULAR_EXPRESSION) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid regular expression '" + value + "': " + e.getDescription());
      }
    }
  }

  public static ValueMatch exact(String name, String value) {
    return new ValueMatch(Type.EXACT, name, value);
  }

  /** Whether a request value satisfies this match (regular expressions must match the whole value). */
  public boolean matchesValue(String actual) {
    return type == Type.EXACT ? value.equals(actual) : Pattern.compile(value).matcher(actual).matches();
  }

  @Override
  public String toString() {
    return name + (type == Type.EXACT ? "=" : "~") + value;
  }
}
