package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One HTTP request header a question carries (CLI {@code --header 'Name: value'}), so spoofing questions can be
 * asked: what a proxy decides when the client itself sends {@code X-Forwarded-For}.
 *
 * <pre>{@code
 * HttpHeader h = HttpHeader.parse("X-Forwarded-For: 192.168.1.4").orElseThrow();
 * h.is("x-forwarded-for");    // true: names compare case-insensitively
 * L7 spoof = L7.http("app.example.com", "/").withHeader(h);
 * }</pre>
 *
 * @param name the header name (an RFC 9110 token)
 * @param value the value, without surrounding whitespace
 */
public record HttpHeader(String name, String value) {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public HttpHeader {
    if (name == null || value == null || !TOKEN.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid header name: " + name);
    }
  }

  /** {@code Name: value}; an error names what is wrong. */
  public static Parsed<HttpHeader> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, HttpHeader> parseResult(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      return Validation.invalid(ModelError.of("expected 'Name: value', found '%s'", text));
    }
    String name = text.substring(0, colon).trim();
    if (!TOKEN.matcher(name).matches()) {
      return Validation.invalid(ModelError.of("'%s' is not a header name", name));
    }
    return Validation.valid(new HttpHeader(name, text.substring(colon + 1).trim()));
  }

  /** Whether this header is named {@code other} (case-insensitively). */
  public boolean is(String other) {
    return name.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return name + ": " + value;
  }
}
