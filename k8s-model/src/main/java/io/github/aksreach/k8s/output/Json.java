package io.github.aksreach.k8s.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes the report trees (ordered maps, lists, strings, numbers) as pretty JSON.
 *
 * <pre>{@code
 * String s = Json.write(CheckOutput.tree(report));
 * }</pre>
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** The tree as pretty JSON. */
  public static String write(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report tree is not serializable", e);
    }
  }
}
