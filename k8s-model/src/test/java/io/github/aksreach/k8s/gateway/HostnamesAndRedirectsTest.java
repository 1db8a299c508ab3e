package io.github.aksreach.k8s.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostname rules (G1.8, R2.6) and the ReplacePrefixMatch table (R2.33). */
class HostnamesAndRedirectsTest {
  /** R2.6, with the examples of the spec text. */
  @ParameterizedTest(name = "{0} ∩ {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "*|foo.com|foo.com", "foo.com|*|foo.com", "foo.com|foo.com|foo.com", "foo.com|bar.com|''",
      "*.example.com|sub.domain.example.com|sub.domain.example.com", "www.example.com|*.example.com|www.example.com",
      "*.com|*.example.com|*.example.com", "*.example.com|*.com|*.example.com", "*.example.com|*.example.org|''",
      "*.example.com|example.com|''"})
  void intersection(String listener, String route, String expected) {
    assertThat(Hostnames.intersect(listener, route).orElse("")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(delimiter = '|', value = {"*.example.com|test.example.com|true",
      "*.example.com|foo.test.example.com|true", "*.example.com|example.com|false", "*.example.com|xexample.com|false",
      "example.com|example.com|true", "*|anything.org|true"})
  void wildcardsMatchOneOrMoreLabels(String pattern, String host, boolean expected) {
    assertThat(Hostnames.matches(pattern, host)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"Very.Specific.com:1234|very.specific.com", "a.com|a.com",
      "[2001:db8::1]:80|[2001:db8::1]"})
  void theHostHeadersPortIsIgnored(String header, String host) {
    assertThat(Hostnames.hostOf(header)).isEqualTo(host);
  }

  /** The normative table of R2.33. */
  @ParameterizedTest(name = "{0} with prefix {1} replaced by ''{2}'' = {3}")
  @CsvSource(delimiter = '|', value = {"/foo/bar|/foo|/xyz|/xyz/bar", "/foo|/foo|/xyz|/xyz", "/foo/|/foo|/xyz|/xyz/",
      "/foo/bar|/foo|''|/bar", "/foo|/foo|''|/", "/foo/|/foo|/|/", "/foo/bar|/foo/|/xyz|/xyz/bar"})
  void replacePrefixMatch(String path, String prefix, String replacement, String expected) {
    assertThat(Redirects.replacePrefix(path, prefix, replacement)).isEqualTo(expected);
  }
}
