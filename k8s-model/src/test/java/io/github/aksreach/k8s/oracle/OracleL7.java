package io.github.aksreach.k8s.oracle;

import java.util.Optional;

/**
 * What the oracle's flow carries above layer 4: nothing, a client's HTTP request, or an LB health probe's request.
 *
 * <pre>{@code
 * OracleL7.http(Optional.of("app.example.com"), "/");
 * OracleL7.probe("/healthz");
 * }</pre>
 *
 * @param http whether there is an HTTP request
 * @param host its Host header
 * @param path its path
 * @param probe whether it is an Azure LB probe
 */
record OracleL7(boolean http, Optional<String> host, String path, boolean probe) {
  static final OracleL7 NONE = new OracleL7(false, Optional.empty(), "/", false);

  static OracleL7 http(Optional<String> host, String path) {
    return new OracleL7(true, host, path, false);
  }

  static OracleL7 probe(String path) {
    return new OracleL7(true, Optional.empty(), path, true);
  }
}
