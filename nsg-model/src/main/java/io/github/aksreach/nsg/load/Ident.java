package io.github.aksreach.nsg.load;

import io.github.aksreach.nsg.model.ResourceId;
import java.util.Optional;

/** A resource's name, id and parent id. */
final class Ident {
  String name;
  ResourceId id;
  Optional<ResourceId> parent = Optional.empty();
}
