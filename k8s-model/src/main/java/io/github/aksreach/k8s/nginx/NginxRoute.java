package io.github.aksreach.k8s.nginx;

import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressBackend;
import io.github.aksreach.k8s.model.PathType;
import java.util.Optional;

/**
 * Where ingress-nginx sends one request (host and path): an Ingress backend, its own {@code /healthz} (200), or the
 * default backend (404). Each route carries the access rules of the location that matched.
 *
 * <pre>{@code
 * NginxRoute r = router.route(Optional.of("demoapi.eyskens.corp"), "/weatherforecast");
 * if (r instanceof NginxRoute.Backend b) {
 *   b.ingress().key();            // "default/weather"
 *   b.backend();                  // simpleapi:8080
 *   b.access().allow();           // the location's allow list
 * }
 * router.route(Optional.empty(), "/healthz");   // Healthz: 200 from the default server
 * router.route(Optional.empty(), "/");          // NotFound: 404 from the default backend
 * }</pre>
 */
public sealed interface NginxRoute permits NginxRoute.Backend, NginxRoute.Healthz, NginxRoute.NotFound {
  /** The access rules of the matched location. */
  NginxAccessPolicy access();

  /** The server ({@code server_name}) that took the request; {@code _} is the default server. */
  String server();

  /** In words. */
  String describe();

  /**
   * A location of an Ingress (or an Ingress default backend used as a server's root location).
   *
   * @param server the server
   * @param ingress the Ingress owning the location
   * @param path the location's path ({@code /} for a default backend)
   * @param pathType its type
   * @param backend the backend Service and port
   * @param defaultBackend true when this is an Ingress {@code defaultBackend}, not a rule path
   * @param access the location's access rules
   */
  record Backend(String server, Ingress ingress, String path, PathType pathType, IngressBackend backend,
                 boolean defaultBackend, NginxAccessPolicy access) implements NginxRoute {
    @Override
    public String describe() {
      return (defaultBackend ? "default backend " : "path " + path + " (" + pathType + ") ") + "of Ingress "
          + ingress.key() + " on server " + server + " -> " + backend;
    }
  }

  /**
   * The controller's health endpoint on the default server: NGINX answers 200 itself ({@code return 200}, which runs
   * before any access rule).
   *
   * @param server always {@code _}
   * @param path the health path ({@code --health-check-path}, default {@code /healthz})
   * @param access no rules
   */
  record Healthz(String server, String path, NginxAccessPolicy access) implements NginxRoute {
    @Override
    public String describe() {
      return path + " on the default server: 200 from the controller";
    }
  }

  /**
   * No Ingress location matched: the default backend answers 404.
   *
   * @param server the server that took the request
   * @param owner the Ingress whose annotations the server's root location carries, if any
   * @param access that location's access rules
   */
  record NotFound(String server, Optional<Ingress> owner, NginxAccessPolicy access) implements NginxRoute {
    @Override
    public String describe() {
      return "no Ingress path matches on server " + server + ": the default backend answers 404";
    }
  }
}
