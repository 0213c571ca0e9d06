package dev.wall.core.setup;

import java.util.List;
import java.util.Optional;

/** One {@code wall setup MODULE}: the changes it wants on a node, computed without writing. */
public interface SetupModule {

  String name();

  /** Empty when the module applies to this node; otherwise why it is skipped. */
  default Optional<String> skipReason(Node node) {
    return Optional.empty();
  }

  /** The actions, in the order they run; undo runs them backwards. */
  List<Action> plan(Node node) throws SetupRefusal;
}
