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
  private static final ObjectMapper LINE = new ObjectMapper();

  private Json() {}

  /** The tree as pretty JSON. */
  public static String write(Object tree) {
    return write(MAPPER, tree);
  }

  /** The tree as JSON on one line, without a line break (a line of JSON Lines). */
  public static String line(Object tree) {
    return write(LINE, tree);
  }

  private static String write(ObjectMapper mapper, Object tree) {
    try {
      return mapper.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report tree is not serializable", e);
    }
  }
}
