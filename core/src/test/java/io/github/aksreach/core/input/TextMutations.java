package io.github.aksreach.core.input;

import java.util.function.IntBinaryOperator;

/**
 * Hostile rewrites of a JSON text for the properties that hold a streaming reader to the tree reader: a key given
 * twice, the text cut short, a byte-order mark, a second document after the first, a stray brace.
 *
 * <pre>{@code
 * String hostile = TextMutations.rewrite(text, r.between(0, 7), r::between, "{\"kind\": \"Namespace\"}\n");
 * // choices 5 and above leave the text as it is
 * }</pre>
 */
public final class TextMutations {
  private TextMutations() {}

  /**
   * The rewrite number {@code choice} of {@code text} (0 to 4; any other leaves it); {@code between.applyAsInt(lo, hi)}
   * picks an int in {@code [lo, hi]} (the property's source of randomness), {@code secondDocument} is appended by
   * choice 3.
   */
  public static String rewrite(String text, int choice, IntBinaryOperator between, String secondDocument) {
    switch (choice) {
      case 0: {
        int at = text.indexOf("\"name\"", between.applyAsInt(0, text.length() - 1));
        return at < 0 ? text : text.substring(0, at) + "\"name\": \"dup\", " + text.substring(at);
      }
      case 1:
        return text.substring(0, between.applyAsInt(1, text.length() - 1));
      case 2:
        return "\ufeff" + text;
      case 3:
        return text + secondDocument;
      case 4: {
        int at = between.applyAsInt(0, text.length() - 1);
        return text.substring(0, at) + "}" + text.substring(at);
      }
      default:
        return text;
    }
  }
}
