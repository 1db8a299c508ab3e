package io.github.aksreach.azure.live;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonWriter;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.network.NetworkManager;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A recorded Azure Resource Manager: an azure-core {@link HttpClient} that answers the resource-manager clients'
 * GETs from REST bodies held in memory, with no network. A list is answered {@code {"value": [...]}} in pages of
 * {@link #pageSize} objects, each but the last with a {@code nextLink} to the next ({@code $skiptoken}), as ARM pages;
 * a path can be made to answer an error status with ARM's error body, or a body that is not JSON. A list it holds
 * nothing for is empty, as ARM answers for a resource group without such resources; a resource it does not hold is
 * 404 {@code ResourceNotFound}. Every request is recorded.
 */
final class RecordedArm implements HttpClient {
  static final String SUB = "00000000-0000-0000-0000-000000000000";
  private static final Pattern VMSS_NIC = Pattern.compile("(?i)^(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/"
      + "Microsoft\\.Compute/virtualMachineScaleSets/[^/]+)/virtualMachines/[^/]+/networkInterfaces/[^/]+$");
  private static final Pattern TOP = Pattern.compile("(?i)^(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/"
      + "[^/]+/[^/]+)/[^/]+$");

  /** The objects of each list path (lower case), in order. */
  private final Map<String, List<Object>> lists = new LinkedHashMap<>();
  /** Single objects by their path (lower case). */
  private final Map<String, Object> objects = new LinkedHashMap<>();
  /** Answers that replace the recorded one: path (lower case) plus {@code ?page=<n>} or not, to status and body. */
  private final Map<String, Object[]> overrides = new LinkedHashMap<>();
  final List<String> requests = new ArrayList<>();
  int pageSize = 1000;

  /** Holds {@code object} (an ARM REST body) in the list its id belongs to, and as itself. */
  RecordedArm add(Map<String, Object> object) {
    String id = (String) object.get("id");
    Matcher vmss = VMSS_NIC.matcher(id);
    Matcher top = TOP.matcher(id);
    String list = vmss.matches() ? vmss.group(1) + "/networkInterfaces" : top.matches() ? top.group(1) : null;
    if (list == null) {
      throw new IllegalArgumentException("not a resource id this recording lists: " + id);
    }
    lists.computeIfAbsent(list.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(object);
    objects.put(id.toLowerCase(Locale.ROOT), object);
    return this;
  }

  /** Every ARM object of the scenario directory's {@code azure/} files ({@code az} output, see {@link ArmBodies}). */
  RecordedArm addDirectory(Path scenario) {
    try (Stream<Path> files = Files.list(scenario.resolve("azure"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        for (Map<String, Object> az : ArmBodies.azObjects(f)) {
          add(ArmBodies.arm(az));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The given page of {@code path} (0 for the first, -1 for every page) answers {@code status} and {@code body}. */
  RecordedArm answer(String path, int page, int status, String body) {
    overrides.put(path.toLowerCase(Locale.ROOT) + (page < 0 ? "" : "?page=" + page), new Object[] {status, body});
    return this;
  }

  /** ARM's error body. */
  static String armError(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
  }

  NetworkManager network() {
    return NetworkManager.authenticate(pipeline(), profile());
  }

  ContainerServiceManager containerService() {
    return ContainerServiceManager.authenticate(pipeline(), profile());
  }

  private HttpPipeline pipeline() {
    return new HttpPipelineBuilder().httpClient(this).build();
  }

  private static AzureProfile profile() {
    return new AzureProfile("tenant", SUB, AzureEnvironment.AZURE);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    String path = request.getUrl().getPath();
    String query = request.getUrl().getQuery() == null ? "" : request.getUrl().getQuery();
    requests.add(request.getHttpMethod() + " " + path + (query.contains("skiptoken") ? "?" + query.replaceAll(
        "api-version=[^&]*&?", "") : ""));
    Matcher m = Pattern.compile("skiptoken=(\\d+)").matcher(query);
    int page = m.find() ? Integer.parseInt(m.group(1)) : 0;
    String key = path.toLowerCase(Locale.ROOT);
    Object[] o = overrides.getOrDefault(key + "?page=" + page, overrides.get(key));
    if (o != null) {
      return Mono.just(new Response(request, (Integer) o[0], (String) o[1]));
    }
    if (objects.containsKey(key)) {
      return Mono.just(new Response(request, 200, json(objects.get(key))));
    }
    if (!request.getHttpMethod().toString().equals("GET")) {
      return Mono.just(new Response(request, 405, armError("MethodNotAllowed", "recorded GETs only")));
    }
    int providers = key.lastIndexOf("/providers/");
    if (providers >= 0 && key.substring(providers + 11).split("/").length % 2 == 1) {
      return Mono.just(new Response(request, 404, armError("ResourceNotFound", "The Resource '"
          + path.substring(providers + 11) + "' under resource group was not found.")));
    }
    List<Object> all = lists.getOrDefault(key, List.of());
    int from = Math.min(all.size(), page * pageSize);
    int to = Math.min(all.size(), from + pageSize);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("value", all.subList(from, to));
    if (to < all.size()) {
      body.put("nextLink", "https://management.azure.com" + path + "?api-version=2024-05-01&%24skiptoken="
          + (page + 1));
    }
    return Mono.just(new Response(request, 200, json(body)));
  }

  static String json(Object tree) {
    StringWriter out = new StringWriter();
    try (JsonWriter w = JsonProviders.createWriter(out)) {
      w.writeUntyped(tree);
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static Object parse(String json) {
    try (JsonReader r = JsonProviders.createReader(json)) {
      return r.readUntyped();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response with a JSON body. */
  private static final class Response extends HttpResponse {
    private final int status;
    private final byte[] body;
    private final HttpHeaders headers = new HttpHeaders();

    Response(HttpRequest request, int status, String body) {
      super(request);
      this.status = status;
      this.body = body.getBytes(StandardCharsets.UTF_8);
      headers.set(HttpHeaderName.CONTENT_TYPE, "application/json; charset=utf-8");
      headers.set(HttpHeaderName.CONTENT_LENGTH, Integer.toString(this.body.length));
      headers.set(HttpHeaderName.fromString("x-ms-request-id"), "recorded");
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
      return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return Flux.just(ByteBuffer.wrap(body));
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return Mono.just(body);
    }

    @Override
    public Mono<String> getBodyAsString() {
      return Mono.just(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
      return Mono.just(new String(body, charset));
    }
  }
}
