package dev.wall.player.players.registry;

import dev.wall.core.layout.PlayerArgsPolicy;
import dev.wall.player.players.Backend;
import java.util.List;

/**
 * Every registered backend's allow-list for the layout's {@code playerArgs}, for wall-core's
 * validator, which finds this through its one service line: a backend is validated as soon as it is
 * in {@link Backends#ALL}.
 */
public final class BackendArgs implements PlayerArgsPolicy.Source {
  @Override
  public List<PlayerArgsPolicy> policies() {
    return Backends.ALL.all().stream().map(Backend::argsPolicy).toList();
  }
}
