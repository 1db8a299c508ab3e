package io.github.aksreach.core.check;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a subject into the items a fluent check talks about ("load-balancer backends", "intents"), with a plural
 * noun that starts the check's sentence, like ArchUnit's {@code ClassesTransformer}.
 *
 * <pre>{@code
 * SubjectTransformer<Network, Backend> backends = SubjectTransformer.of("load-balancer backends",
 *     net -> net.health().backends());
 * Checks.all(backends).should(beUp());   // "load-balancer backends should be UP"
 * }</pre>
 *
 * @param <S> the subject
 * @param <T> the items
 */
public interface SubjectTransformer<S, T> {
  /** A plural noun phrase ("load-balancer backends"). */
  String description();

  Collection<? extends T> transform(S subject);

  static <S, T> SubjectTransformer<S, T> of(String description, Function<? super S, ? extends Collection<? extends T>> f) {
    return new SubjectTransformer<>() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public Collection<? extends T> transform(S subject) {
        Collection<? extends T> c = f.apply(subject);
        return c == null ? List.of() : c;
      }
    };
  }
}
